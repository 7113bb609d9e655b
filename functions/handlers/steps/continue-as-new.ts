import { continueAsNew } from '../../usecases/order/continue-as-new.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('ContinueAsNew', (deps, payload: Parameters<typeof continueAsNew>[1]) =>
  continueAsNew(deps, payload),
);
