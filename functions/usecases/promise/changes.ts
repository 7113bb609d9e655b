import * as orders from '../../adapters/dynamodb/order-repository.ts';
import { dynamoOrderRepository } from '../../adapters/dynamodb/order-repository.ts';
import type { Dependencies } from '../../adapters/dynamodb/promise-repository.ts';
import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import { notify } from '../notify/index.ts';
import { announcePromiseMoved } from '../order/promise-moved.ts';
import { repromiseDependents, type PromiseChange } from './index.ts';

/** Re-promises the open orders a supply change touches (see repromiseDependents). */
export const repromiseAfter = (changed: Dependencies) => repromiseDependents(changed, new Date());

/**
 * Tells people about re-promised orders, once per promise version: a changed promise goes to the
 * customer (critical) and the sales owner, with the cause and the new date; a projection that
 * slipped while the promise still holds warns tier A customers early.
 */
export async function notifyPromiseChanges(changes: readonly PromiseChange[]): Promise<void> {
  for (const change of changes) {
    const order = await orders.getOrder(change.orderId);
    if (!order) continue;
    const facts = {
      previousDate: change.previousDate,
      newDate: change.newDate,
      promisedDate: change.newDate,
      cause: change.cause,
    };
    if (change.kind === 'changed') {
      await announcePromiseMoved(
        {
          notify: async (notice) => void (await notify(notice)),
          orders: dynamoOrderRepository,
          now: () => new Date(),
        },
        order,
        { ...change, reason: 'supply change' },
      );
    } else if (change.newlyOverCommitted.length) {
      // The order holds units that no longer exist: its promise stands only if supply comes back.
      await orders.setAtRisk(
        order.orderId,
        `over-committed stock of ${change.newlyOverCommitted.join(', ')}`,
        new Date().toISOString(),
      );
    } else if (change.slipped && (await getCustomer(order.customerId))?.tier === 'A') {
      await notify({
        orderId: order.orderId,
        customerId: order.customerId,
        kind: 'AT_RISK_WARNING',
        occurrence: `v${change.version}-slip-${new Date().toISOString().slice(0, 10)}`,
        facts: { ...facts, promisedDate: change.previousDate },
      });
    }
  }
}
