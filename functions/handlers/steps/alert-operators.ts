import { alertOperators } from '../../usecases/order/attention.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('AlertOperators', (deps, payload: Parameters<typeof alertOperators>[1]) =>
  alertOperators(deps, payload),
);
