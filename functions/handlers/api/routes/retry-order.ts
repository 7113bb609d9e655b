import type { RouteHandler } from '../http/types.ts';
import { retryOrder } from '../../../usecases/order/retry.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler = {
  operationId: 'retryOrder',
  audience: 'sales',
  async handle({ params, headers }) {
    const idempotencyKey = headers['idempotency-key'];
    const result = await retryOrder(orderDeps(), params.id ?? '', idempotencyKey ? { idempotencyKey } : {});
    const replayed: Record<string, string> = result.repeated ? { 'idempotent-replayed': 'true' } : {};
    return { status: 202, headers: replayed, body: result };
  },
};
