/** The notification use case as the rest of the product calls it: bound to the real adapters. */
export type { NotificationEvent } from './ports.ts';
export {
  fallBackToOtherChannel,
  notify,
  recordProviderSend,
  SEND_OUTCOME_GRACE_MS,
  sweepDueNotifications,
} from './wiring.ts';
