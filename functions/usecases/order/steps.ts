/**
 * The workflow's order steps, one file each under ./steps/ (one Lambda task per step). This module
 * gathers them for the handlers and the simulator, which call several.
 */
export { ORDER_CANCELLED } from './common.ts';
export { computeQuote } from './steps/compute-quote.ts';
export { applyStage, type ApplyStageInput, type TransitionName } from './steps/apply-stage.ts';
export { flagOverdue } from './steps/flag-overdue.ts';
export { closeOrder } from './steps/close-order.ts';
export { awaitCallback } from './steps/await-callback.ts';
