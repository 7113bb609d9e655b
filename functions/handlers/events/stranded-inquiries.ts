import { restartStrandedInquiries } from '../../usecases/order/stranded-inquiries.ts';
import { orderDeps, strandedInquiryReads } from '../../usecases/order/wiring.ts';

/** Runs on a schedule: an inquiry stored but never started (a crash between the two) gets its workflow. */
export async function handler(): Promise<{ started: number }> {
  const deps = orderDeps();
  const { started } = await restartStrandedInquiries({
    now: deps.now,
    settings: deps.settings,
    workflow: deps.workflow,
    receivedBefore: strandedInquiryReads.receivedBefore,
  });
  return { started: started.length };
}
