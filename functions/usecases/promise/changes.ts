import { warnEarly } from '../order/early-warning.ts';
import { announcePromiseMoved } from '../order/promise-moved.ts';
import type { PromiseNoticeDeps } from './ports.ts';
import type { PromiseChange } from './repromise.ts';

/**
 * Tells people about re-promised orders, once per promise version: a changed promise goes to the
 * customer (critical) and the sales owner, with the cause and the new date; a projection that ate
 * most of a buffered promise warns the customer early (plant policy), and one that slipped while
 * the promise still holds warns tier A customers early.
 */
export async function notifyPromiseChanges(
  deps: PromiseNoticeDeps,
  changes: readonly PromiseChange[],
): Promise<void> {
  for (const change of changes) {
    const order = await deps.orders.getOrder(change.orderId);
    if (!order) continue;
    const facts = {
      previousDate: change.previousDate,
      newDate: change.newDate,
      promisedDate: change.newDate,
      cause: change.cause,
    };
    if (change.kind === 'changed') {
      await announcePromiseMoved(deps, order, { ...change, reason: 'supply change' });
    } else if (change.newlyOverCommitted.length) {
      // The order holds units that no longer exist: its promise stands only if supply comes back.
      await deps.orders.setAtRisk(
        order.orderId,
        `over-committed stock of ${change.newlyOverCommitted.join(', ')}`,
        deps.now().toISOString(),
      );
      // Flagged just now; with most of its buffer gone as well, the customer hears early too.
      if (change.earlyWarning)
        await warnEarly(deps, { ...order, atRisk: true }, change.earlyWarning, change.cause);
    } else if (change.earlyWarning) {
      await warnEarly(deps, order, change.earlyWarning, change.cause);
    } else if (change.slipped && (await deps.customers.get(order.customerId))?.tier === 'A') {
      await deps.notify({
        orderId: order.orderId,
        customerId: order.customerId,
        kind: 'AT_RISK_WARNING',
        occurrence: `v${change.version}-slip-${deps.now().toISOString().slice(0, 10)}`,
        facts: { ...facts, promisedDate: change.previousDate },
      });
    }
  }
}
