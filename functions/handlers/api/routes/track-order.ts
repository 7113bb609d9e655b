import type { RouteHandler } from '../http/types.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { customerOrderView } from '../../../usecases/order/views.ts';

export const route: RouteHandler = {
  operationId: 'trackOrder',
  audience: 'customer',
  async handle({ principal }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    return { status: 200, body: await customerOrderView(principal.orderId) };
  },
};
