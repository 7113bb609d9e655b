import { ConflictError } from '../../shared/errors.ts';
import { openOrderForLink } from './access.ts';
import type { CustomerLinkDeps, LinkAccess } from './ports.ts';

/**
 * After a quote expired, the customer asks for a new one.
 * 1. Only an expired quote can be asked again (else 409, nothing written).
 * 2. Sales hear once per quote version (the notice's dedupe key), however often the button is pressed.
 * 3. The order remembers the request, so the page says it was passed on.
 */
export async function requestNewQuote(deps: CustomerLinkDeps, access: LinkAccess) {
  const now = deps.now();
  const { order } = await openOrderForLink(deps, access, now);
  const version = order.promiseVersion ?? 1;
  const expired =
    order.status === 'QUOTE_EXPIRED' ||
    (order.status === 'QUOTED' && !!order.quoteValidUntil && order.quoteValidUntil < now.toISOString());
  if (!expired) throw new ConflictError('Only an expired quote can be asked for again');
  if (order.requoteRequestedForVersion === version) return { orderId: order.orderId, repeated: true };
  await deps.notify({
    orderId: order.orderId,
    customerId: order.customerId,
    kind: 'NEW_QUOTE_REQUESTED',
    occurrence: `v${version}`,
    facts: { orderId: order.orderId },
  });
  await deps.orders.patch(order.orderId, { requoteRequestedForVersion: version });
  return { orderId: order.orderId, repeated: false };
}
