import type { Order } from '../../domain/order/types.ts';
import { linkStillWorks } from '../../domain/customer/order-page.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { CustomerLinkDeps, LinkAccess } from './ports.ts';

export type { LinkAccess } from './ports.ts';

/** When the order reached its final status: the timeline entry that moved it there. */
export function endedAt(order: Order, items: readonly Record<string, unknown>[]): string | undefined {
  if (!isTerminal(order.status)) return undefined;
  const entry = items.find((item) => item.entity === 'TIMELINE' && item.status === order.status);
  return entry ? String(entry.at) : order.updatedAt;
}

/**
 * The order behind a link, with its whole partition, if the link still works at `now`. An expired
 * link answers exactly like an unknown one (404), so a link reveals nothing about its order.
 */
export async function openOrderForLink(
  deps: Pick<CustomerLinkDeps, 'orders' | 'linkDays'>,
  access: LinkAccess,
  now: Date,
) {
  const found = await deps.orders.withItems(access.orderId);
  if (!found) throw new NotFoundError('No order for this link');
  const { order, items } = found;
  const ended = endedAt(order, items);
  const works = linkStillWorks({
    status: order.status,
    ...(ended ? { endedAt: ended } : {}),
    ...(access.issuedAt ? { issuedAt: access.issuedAt } : {}),
    now,
    days: deps.linkDays(),
  });
  if (!works) throw new NotFoundError('No order for this link');
  return { order, items };
}
