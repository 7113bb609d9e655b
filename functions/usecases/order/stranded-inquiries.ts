import type { Order } from '../../domain/order/types.ts';
import { workflowInput } from './inquiry.ts';
import type { OrderDeps } from './ports.ts';

/**
 * An inquiry is stored first and its execution started second (see ./inquiry.ts). A crash between
 * the two leaves the order INQUIRY_RECEIVED with no workflow; this is how long a new inquiry may go
 * without one before it is taken for stranded. Starting normally takes milliseconds, so a minute is
 * far beyond a slow start, and StartExecution by name is idempotent anyway.
 */
export const INQUIRY_START_GRACE_SECONDS = 60;
/** Inquiries looked at per run; a backlog larger than this is worked off over the next runs. */
const BATCH = 100;

export interface StrandedInquiryDeps {
  readonly now: OrderDeps['now'];
  readonly settings: OrderDeps['settings'];
  readonly workflow: Pick<OrderDeps['workflow'], 'start' | 'state'>;
  /** INQUIRY_RECEIVED orders created before the instant, oldest first. */
  readonly receivedBefore: (createdBefore: string, limit: number) => Promise<readonly Order[]>;
}

/**
 * Starts the workflow of every inquiry a crash left without one.
 * 1. Find INQUIRY_RECEIVED orders older than the grace period.
 * 2. For each whose execution does not exist, start it, with the input the inquiry would have
 *    started it with (an execution that runs, or ended, is left alone: it moves or alerted).
 */
export async function restartStrandedInquiries(deps: StrandedInquiryDeps): Promise<{ started: string[] }> {
  const cutoff = new Date(deps.now().getTime() - INQUIRY_START_GRACE_SECONDS * 1000).toISOString();
  const started: string[] = [];
  for (const order of await deps.receivedBefore(cutoff, BATCH)) {
    if ((await deps.workflow.state(order.executionName)) !== 'MISSING') continue;
    await deps.workflow.start(order.executionName, workflowInput(order.orderId, deps.settings));
    started.push(order.orderId);
  }
  return { started };
}
