import { confirmOrder } from '../../usecases/order/steps.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('ConfirmOrder', (deps, payload: { orderId: string }) =>
  confirmOrder(deps, payload.orderId),
);
