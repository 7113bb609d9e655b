import type { RouteHandler } from '../http/types.ts';
import { cancelSchema } from '../../../shared/schemas/order.ts';
import { cancelOrder } from '../../../usecases/order/cancel.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof cancelSchema> = {
  operationId: 'cancelOrder',
  audience: 'sales',
  bodySchema: cancelSchema,
  async handle({ params, body }) {
    const result = await cancelOrder(orderDeps(), params.id ?? '', body.reason);
    // 200 when it took effect here; 202 when the running workflow carries it out at its next wait.
    return { status: result.status === 'CANCELLED' ? 200 : 202, body: result };
  },
};
