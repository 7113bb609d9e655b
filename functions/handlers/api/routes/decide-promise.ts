import type { RouteHandler } from '../http/types.ts';
import { promiseDecisionSchema } from '../../../shared/schemas/order.ts';
import { decidePromise } from '../../../usecases/order/decisions.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof promiseDecisionSchema> = {
  operationId: 'decidePromise',
  audience: 'sales',
  bodySchema: promiseDecisionSchema,
  async handle({ params, body }) {
    return { status: 200, body: await decidePromise(orderDeps(), params.id ?? '', body) };
  },
};
