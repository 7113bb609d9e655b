import { computeQuote } from '../../usecases/order/steps/compute-quote.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('ComputeQuote', (deps, payload: { orderId: string }) =>
  computeQuote(deps, payload.orderId),
);
