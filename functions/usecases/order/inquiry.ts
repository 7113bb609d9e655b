import { createHash, randomUUID } from 'node:crypto';
import type { Order } from '../../domain/order/types.ts';
import { ConflictError } from '../../shared/errors.ts';
import { checkInquiry, type InquiryInput } from './inquiry-check.ts';
import type { OrderDeps } from './ports.ts';

export type { InquiryInput };

export interface InquiryResult {
  readonly orderId: string;
  readonly status: Order['status'];
  readonly replayed: boolean;
}

/** The execution input the workflow starts with (see workflows/order-fulfillment.asl.json). */
export function workflowInput(orderId: string, settings: OrderDeps['settings']) {
  return {
    orderId,
    settings: {
      salesEscalationSeconds: Math.max(1, Math.round(settings.salesEscalationSeconds)),
      quoteValiditySeconds: Math.max(1, Math.round(settings.quoteValiditySeconds)),
    },
    counters: { escalations: 0, overdue: 0 },
    completed: null,
  };
}

/**
 * Records an inquiry and starts its order workflow.
 * 1. Check the customer and every SKU exist, and no date is in the past (nothing is written otherwise).
 * 2. Derive the order id from the Idempotency-Key, so a retried request finds the same order.
 * 3. Store the order with its tracking token's hash in one transaction.
 * 4. Start the execution named by the order id (a repeated start is the same execution).
 */
export async function receiveInquiry(
  deps: OrderDeps,
  input: InquiryInput,
  caller: { createdBy: string; idempotencyKey?: string },
): Promise<InquiryResult> {
  const now = deps.now();
  await checkInquiry(deps, input);

  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const orderId = caller.idempotencyKey
    ? `ord_${createHash('sha256').update(`${caller.createdBy}\n${caller.idempotencyKey}`).digest('hex').slice(0, 24)}`
    : `ord_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const tracking = await deps.trackingLink(orderId);
  const order: Order = {
    orderId,
    customerId: input.customerId,
    status: 'INQUIRY_RECEIVED',
    lines: input.lines,
    ...(input.requestedDate ? { requestedDate: input.requestedDate } : {}),
    ...(input.note ? { note: input.note } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: caller.createdBy,
    requestHash,
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  };
  const created = await deps.orders.createOrder(order, tracking.tokenHash);
  let status: Order['status'] = order.status;
  if (!created) {
    const existing = await deps.orders.getOrder(orderId);
    if (!existing || existing.requestHash !== requestHash) {
      throw new ConflictError('This Idempotency-Key was already used for a different inquiry', {
        field: 'Idempotency-Key',
      });
    }
    status = existing.status;
  }
  await deps.workflow.start(orderId, workflowInput(orderId, deps.settings));
  return { orderId, status, replayed: !created };
}
