import type { RouteHandler } from '../http/types.ts';
import { erpEventSchema, type ErpEventBody } from '../../../shared/schemas/order.ts';
import { receiveErpEvent } from '../../../usecases/order/erp-event.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof erpEventSchema> = {
  operationId: 'postErpEvent',
  audience: 'erp',
  bodySchema: erpEventSchema,
  async handle({ body }) {
    const result = await receiveErpEvent(orderDeps(), body as ErpEventBody);
    return { status: 200, body: result };
  },
};
