import * as orders from '../../adapters/dynamodb/order-repository.ts';
import type { Order, TimelineEntry } from '../../adapters/dynamodb/entities/order.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { LinkAccess } from '../customer/access.ts';
import { customerOrderPage } from '../customer/order-page.ts';

const byEntity = (items: Record<string, unknown>[], entity: string) =>
  items.filter((item) => item.entity === entity);

/**
 * Everything sales see about one order, from a single partition query: lines, quote, promise with
 * basis and version, timeline and notifications. Waiting task tokens are never part of a view.
 */
export async function salesOrderView(orderId: string) {
  const items = await orders.getOrderPartition(orderId);
  const orderItem = items.find((item) => item.SK === 'ORDER');
  if (!orderItem) throw new NotFoundError(`Order ${orderId} does not exist`);
  const order = orders.stripKeys<Order & { requestHash?: string }>(orderItem);
  const { requestHash: _hash, lastTransitionId: _last, ...visible } = order;
  const promiseItem = items.find((item) => item.SK === 'PROMISE');
  return {
    ...visible,
    promise: promiseItem ? orders.stripKeys<Record<string, unknown>>(promiseItem) : null,
    timeline: byEntity(items, 'TIMELINE').map((item) => orders.stripKeys<TimelineEntry>(item)),
    notifications: items
      .filter((item) => String(item.SK).startsWith('NOTIFICATION#'))
      .map((item) => orders.stripKeys<Record<string, unknown>>(item)),
    waitingFor: byEntity(items, 'WAIT').map((item) => ({ stage: item.stage, since: item.since })),
  };
}

/**
 * What a tracking link shows to integrations (JSON): this order only, and only customer-safe
 * facts. It is built from the same model as the order page, so the two never disagree; timeline
 * entries are event codes, never the summaries written for sales.
 */
export async function customerOrderView(access: LinkAccess) {
  const page = await customerOrderPage(access);
  const order = await orders.getOrder(access.orderId);
  return {
    orderId: page.orderId,
    status: page.status,
    lines: page.lines.map((line) => ({ sku: line.sku, name: line.name, quantity: line.quantity })),
    promisedDate: page.promisedDate ?? null,
    quoteValidUntil: page.quote?.state === 'open' ? (page.quote.validUntil ?? null) : null,
    // After a re-quote the earlier decision does not count: the customer decides the new version.
    canDecide: page.quote?.state === 'open',
    slip: page.slip ?? null,
    shipment: page.shipment ?? null,
    outcome: order?.outcome ?? null,
    timeline: page.history.map((event) => ({
      at: event.at,
      event: event.key.replace(/^history_/, ''),
      ...('cause' in event ? { cause: event.cause } : {}),
    })),
  };
}
