import type { StageEvent } from './stages.ts';
import type { OrderStatus } from './status.ts';

/** States of workflows/order-fulfillment.asl.json that its `Route` choice can start a retried execution at. */
export type ResumeAt = 'ComputeQuote' | 'MarkAwaitingSales' | 'SendQuote' | 'ConfirmOrder' | 'AdvanceStage';

export interface ResumeFacts {
  /** The status the order had when it needed attention. */
  readonly status: OrderStatus;
  readonly promiseVersion?: number;
  readonly decision?: 'accept' | 'reject';
  readonly decisionForVersion?: number;
  readonly completedStages: readonly StageEvent[];
}

export interface ResumePoint {
  readonly resumeAt: ResumeAt;
  /** For AdvanceStage: the last stage the order completed (null right after confirmation). */
  readonly completed: StageEvent | null;
}

/**
 * Where a retried order's workflow starts again: at the last stable point of its status. Each of
 * these steps is safe to repeat, so the step that failed runs again and a notice it had not yet
 * sent goes out (notices are deduplicated, so none goes out twice).
 * - still an inquiry: quote again (a stored promise is reused);
 * - awaiting sales: ask sales again (the request is deduplicated) and wait;
 * - quoted and accepted for the current promise: confirm again (re-check and reserve);
 * - quoted otherwise: send the quote again (deduplicated) and wait; an earlier decision is found at once;
 * - confirmed or in a production stage: apply the last completed stage again and plan the next wait;
 *   an ERP event that came meanwhile is found by that wait.
 */
export function resumePoint(facts: ResumeFacts): ResumePoint {
  const version = facts.promiseVersion ?? 1;
  switch (facts.status) {
    case 'INQUIRY_RECEIVED':
      return { resumeAt: 'ComputeQuote', completed: null };
    case 'AWAITING_SALES_CONFIRMATION':
      return { resumeAt: 'MarkAwaitingSales', completed: null };
    case 'QUOTED':
      return facts.decision === 'accept' && facts.decisionForVersion === version
        ? { resumeAt: 'ConfirmOrder', completed: null }
        : { resumeAt: 'SendQuote', completed: null };
    case 'ORDER_CONFIRMED':
    case 'MATERIAL_PREP':
    case 'IN_PRODUCTION':
    case 'SHIPPED':
      return { resumeAt: 'AdvanceStage', completed: facts.completedStages.at(-1) ?? null };
    default:
      throw new RangeError(`An order in ${facts.status} has no workflow to resume`);
  }
}
