import type { Order } from '../../domain/order/types.ts';
import type { EarlyWarning } from '../../domain/promise/policy.ts';
import type { BasisEntry } from '../../domain/promise/types.ts';
import type { Notice, OrderRepository } from './ports.ts';

/**
 * The promise still holds but a re-check ate more than half of its buffer (plant policy
 * `earlyWarning`): the customer hears once per promise version, before the date itself slips, and
 * sales see the order at risk. The notice's key makes a repeated warning of the same version a no-op.
 */
export async function warnEarly(
  deps: {
    readonly now: () => Date;
    readonly orders: Pick<OrderRepository, 'setAtRisk'>;
    readonly notify: (notice: Notice) => Promise<void>;
  },
  order: Pick<Order, 'orderId' | 'customerId' | 'atRisk'>,
  warning: EarlyWarning,
  cause: readonly BasisEntry[],
): Promise<void> {
  // Every re-check past half the buffer comes here; the flag's reason is written once.
  if (!order.atRisk)
    await deps.orders.setAtRisk(
      order.orderId,
      `projected ${warning.projectedDate}: most of the buffer before ${warning.promisedDate} is used`,
      deps.now().toISOString(),
    );
  await deps.notify({
    orderId: order.orderId,
    customerId: order.customerId,
    kind: 'AT_RISK_WARNING',
    occurrence: `v${warning.version}-buffer`,
    facts: { promisedDate: warning.promisedDate, newDate: warning.projectedDate, cause },
  });
}
