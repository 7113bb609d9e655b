import type { RouteHandler } from '../http/types.ts';
import { salesOrderView } from '../../../usecases/order/views.ts';

export const route: RouteHandler = {
  operationId: 'getOrder',
  audience: 'sales',
  async handle({ params }) {
    return { status: 200, body: await salesOrderView(params.id ?? '') };
  },
};
