import type { OrderStatus } from './status.ts';

/** Production events the ERP reports, in the order the plant goes through them. */
export const STAGE_EVENTS = [
  'MATERIALS_READY',
  'PRODUCTION_STARTED',
  'PRODUCTION_COMPLETED',
  'SHIPPED',
  'DELIVERED',
] as const;
export type StageEvent = (typeof STAGE_EVENTS)[number];

export const ERP_EVENT_TYPES = [...STAGE_EVENTS, 'DELAY_REPORTED'] as const;
export type ErpEventType = (typeof ERP_EVENT_TYPES)[number];

/** The waits of the workflow: the people's decisions, then one wait per stage event. */
export type WaitStage = 'SALES_CONFIRMATION' | 'CUSTOMER_DECISION' | StageEvent;

/** Status of the order once a stage event has happened. */
export const STATUS_AFTER: Record<StageEvent, OrderStatus> = {
  MATERIALS_READY: 'MATERIAL_PREP',
  PRODUCTION_STARTED: 'IN_PRODUCTION',
  PRODUCTION_COMPLETED: 'IN_PRODUCTION',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
};

/** The stage event the order waits for next, or undefined when the last one has happened. */
export function nextStageEvent(completed: StageEvent | undefined): StageEvent | undefined {
  if (!completed) return STAGE_EVENTS[0];
  return STAGE_EVENTS[STAGE_EVENTS.indexOf(completed) + 1];
}

/** Customer notification kind for each stage event. */
export const NOTICE_FOR_STAGE: Record<StageEvent, string> = {
  MATERIALS_READY: 'MATERIALS_READY',
  PRODUCTION_STARTED: 'PRODUCTION_STARTED',
  PRODUCTION_COMPLETED: 'PRODUCTION_FINISHED',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
};
