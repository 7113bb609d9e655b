import { NotFoundError } from '../../shared/errors.ts';
import { stepHandler } from './step.ts';

/** Sends one notice the workflow asks for directly (e.g. an escalation), deduplicated by occurrence. */
export const handler = stepHandler(
  'NotifyStep',
  async (deps, payload: { orderId: string; kind: string; occurrence: string }) => {
    const order = await deps.orders.getOrder(payload.orderId);
    if (!order) throw new NotFoundError(`Order ${payload.orderId} does not exist`);
    await deps.notify({
      orderId: order.orderId,
      customerId: order.customerId,
      kind: payload.kind,
      occurrence: payload.occurrence,
      facts: {
        orderId: order.orderId,
        promisedDate: order.promisedDate,
        reasons: order.confirmationReasons ?? [],
      },
    });
    return { sent: true };
  },
);
