import { applyStage, type ApplyStageInput } from '../../usecases/order/steps/apply-stage.ts';
import { stepHandler } from './step.ts';

export const handler = stepHandler('ApplyStage', (deps, payload: ApplyStageInput) =>
  applyStage(deps, payload),
);
