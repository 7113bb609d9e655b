import { awaitCallback } from '../../usecases/order/steps/await-callback.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('AwaitCallback', (deps, payload: Parameters<typeof awaitCallback>[1]) =>
  awaitCallback(deps, payload),
);
