import { buildOrderPage, type OrderPageModel } from '../../domain/customer/order-page.ts';
import type { PromiseRecord } from '../../domain/promise/records.ts';
import type { Product } from '../../domain/promise/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { openOrderForLink } from './access.ts';
import type { CustomerLinkDeps, LinkAccess } from './ports.ts';

export type OrderPageDeps = Pick<CustomerLinkDeps, 'orders' | 'linkDays' | 'customers'> & {
  readonly products: (skus: readonly string[]) => Promise<ReadonlyMap<string, Product>>;
  /** Prices are in one currency per plant (setting `CURRENCY`, ISO 4217, default EUR). */
  readonly currency: () => string;
};

/**
 * What the order page shows.
 * 1. Open the order behind the link (404 when the link is unknown or has run out).
 * 2. Read its customer and the products of its lines (names and prices).
 * 3. Build the customer-safe model: nothing from sales' summaries or the ERP's reasons.
 */
export async function buildCustomerOrderPage(
  deps: OrderPageDeps,
  access: LinkAccess,
  now: Date,
): Promise<OrderPageModel> {
  const { order, items } = await openOrderForLink(deps, access, now);
  const [customer, products] = await Promise.all([
    deps.customers.get(order.customerId),
    deps.products(order.lines.map((line) => line.sku)),
  ]);
  if (!customer) throw new NotFoundError('No order for this link');
  const promiseItem = items.find((item) => item.SK === 'PROMISE');
  const promise = (promiseItem as Partial<PromiseRecord> | undefined)?.promise;
  return buildOrderPage({
    order: order as Parameters<typeof buildOrderPage>[0]['order'],
    ...(promise
      ? {
          promise: {
            version: promise.version,
            date: promise.date,
            ...(promise.previousDate ? { previousDate: promise.previousDate } : {}),
            ...(promise.cause ? { cause: promise.cause } : {}),
            ...(promise.result.shipments ? { shipments: promise.result.shipments } : {}),
            ...(promise.likelyDate ? { likelyDate: promise.likelyDate } : {}),
          },
        }
      : {}),
    timeline: items
      .filter((item) => item.entity === 'TIMELINE')
      .map((item) => ({
        at: String(item.at),
        kind: String(item.kind),
        ...(item.status ? { status: String(item.status) } : {}),
        ...(item.data ? { data: item.data as Record<string, unknown> } : {}),
      })),
    products,
    customer: {
      locale: customer.locale,
      timeZone: customer.timeZone,
      salesOwner: customer.salesOwner,
      contacts: customer.contacts,
    },
    currency: deps.currency(),
    now,
  });
}
