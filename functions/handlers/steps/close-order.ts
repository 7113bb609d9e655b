import { closeOrder } from '../../usecases/order/steps/close-order.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('CloseOrder', (deps, payload: { orderId: string }) =>
  closeOrder(deps, payload.orderId),
);
