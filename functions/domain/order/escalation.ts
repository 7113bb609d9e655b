import type { Order } from './types.ts';

/**
 * When the wait for sales escalates. The workflow's wait times out `escalationSeconds` after it began,
 * and the wait stores that deadline on the order; an order stored before it did falls back to its
 * last update, which is when it entered the status.
 */
export function salesEscalationDeadline(
  order: Pick<Order, 'salesEscalatesAt' | 'updatedAt'>,
  escalationSeconds: number,
): string {
  return (
    order.salesEscalatesAt ?? new Date(Date.parse(order.updatedAt) + escalationSeconds * 1000).toISOString()
  );
}
