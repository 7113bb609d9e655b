import { confirmOrder } from '../../usecases/order/confirm-order.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('ConfirmOrder', (deps, payload: { orderId: string }) =>
  confirmOrder(deps, payload.orderId),
);
