import type { RouteHandler } from '../http/types.ts';
import { cancelSchema } from '../../../shared/schemas/order.ts';
import { cancelOrder } from '../../../usecases/order/decisions.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof cancelSchema> = {
  operationId: 'cancelOrder',
  audience: 'sales',
  bodySchema: cancelSchema,
  async handle({ params, body }) {
    return { status: 202, body: await cancelOrder(orderDeps(), params.id ?? '', body.reason) };
  },
};
