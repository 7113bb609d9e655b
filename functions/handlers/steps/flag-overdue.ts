import { flagOverdue } from '../../usecases/order/steps/flag-overdue.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('FlagOverdue', (deps, payload: Parameters<typeof flagOverdue>[1]) =>
  flagOverdue(deps, payload),
);
