import * as orders from '../../adapters/dynamodb/order-repository.ts';
import type { Order } from '../../adapters/dynamodb/entities/order.ts';
import { linkStillWorks } from '../../domain/customer/order-page.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { trackingLinkDays } from '../../shared/auth/tracking-token.ts';
import { NotFoundError } from '../../shared/errors.ts';

/** Who holds a tracking link: the order it opens and, for a fresh link, when it was sent. */
export interface LinkAccess {
  readonly orderId: string;
  readonly issuedAt?: string;
}

/** When the order reached its final status: the timeline entry that moved it there. */
export function endedAt(order: Order, items: readonly Record<string, unknown>[]): string | undefined {
  if (!isTerminal(order.status)) return undefined;
  const entry = items.find((item) => item.entity === 'TIMELINE' && item.status === order.status);
  return entry ? String(entry.at) : order.updatedAt;
}

/**
 * The order behind a link, with its whole partition, if the link still works. An expired link
 * answers exactly like an unknown one (404), so a link reveals nothing about its order.
 */
export async function openLinkedOrder(access: LinkAccess, now: Date) {
  const items = await orders.getOrderPartition(access.orderId);
  const orderItem = items.find((item) => item.SK === 'ORDER');
  if (!orderItem) throw new NotFoundError('No order for this link');
  const order = orders.stripKeys<Order>(orderItem);
  const ended = endedAt(order, items);
  const works = linkStillWorks({
    status: order.status,
    ...(ended ? { endedAt: ended } : {}),
    ...(access.issuedAt ? { issuedAt: access.issuedAt } : {}),
    now,
    days: trackingLinkDays(),
  });
  if (!works) throw new NotFoundError('No order for this link');
  return { order, items };
}
