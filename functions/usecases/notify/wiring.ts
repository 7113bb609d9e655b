/**
 * The notification use case bound to DynamoDB, SES, End User Messaging SMS and the link secrets.
 * Settings are read from the environment at each use, as before (tests and the local runtime
 * change some between calls).
 */
import * as customers from '../../adapters/dynamodb/customer-repository.ts';
import * as records from '../../adapters/dynamodb/notification-repository.ts';
import { getOrder } from '../../adapters/dynamodb/order-repository.ts';
import { getProducts } from '../../adapters/dynamodb/supply-repository.ts';
import { sendEmail } from '../../adapters/ses/email-sender.ts';
import { sendSms } from '../../adapters/sms/sms-sender.ts';
import type { NotificationRecord } from '../../domain/notify/record.ts';
import { contactSignature } from '../../shared/auth/form-token.ts';
import { trackingLink } from '../../shared/auth/tracking-token.ts';
import { optionalEnv } from '../../shared/config.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { createFeedback } from './feedback.ts';
import { createNotifier } from './notifier.ts';
import type { NotificationEvent, NotifyDeps, NotifySettings, Recipient } from './ports.ts';
import { changeContactPreferences, type PreferenceDeps } from './preferences.ts';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';

/**
 * How long a send handed to the provider may stay unrecorded before the sweeper sends it again:
 * longer than the provider's send event takes to be recorded, including Lambda's two retries of a
 * failed asynchronous invocation (about one and then two minutes later).
 * `SEND_OUTCOME_GRACE_SECONDS` changes it (the restart test uses a minute).
 */
export const SEND_OUTCOME_GRACE_MS = 5 * 60_000;

const settings = (): NotifySettings => ({
  salesManagerEmail: optionalEnv('SALES_MANAGER_EMAIL', ''),
  operationsEmail: optionalEnv('OPERATIONS_EMAIL', ''),
  currency: optionalEnv('CURRENCY', 'EUR'),
  sendOutcomeGraceMs:
    Number(optionalEnv('SEND_OUTCOME_GRACE_SECONDS', String(SEND_OUTCOME_GRACE_MS / 1000))) * 1000,
});

/** The real adapters; `now` is the wall clock unless a caller (the sweeper's tests) names a time. */
export function notifyDeps(now: () => Date = () => new Date()): NotifyDeps {
  return {
    now,
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
    settings,
    store: records,
    customers: {
      get: (customerId) => customers.getCustomer(customerId),
      isSuppressed: customers.isSuppressed,
      suppress: customers.suppress,
      customerIdForPhone: customers.customerIdForPhone,
    },
    orders: { get: getOrder },
    products: { get: (skus) => getProducts([...skus]) },
    email: { send: sendEmail },
    sms: { send: sendSms },
    links: {
      tracking: async (orderId, generation) => (await trackingLink(orderId, generation)).url,
      contactSignature,
    },
  };
}

const notifier = createNotifier(notifyDeps());
const feedback = createFeedback(notifyDeps(), notifier);

/** Bounces, complaints, SMS delivery receipts and STOP replies (see feedback.ts). */
export const { emailFeedback, smsReceipt, smsReply } = feedback;

export const notify = (event: NotificationEvent) => notifier.notify(event);
export const fallBackToOtherChannel = (
  record: NotificationRecord,
  customer: Customer,
  reason: string,
  recipient?: Recipient,
) => notifier.fallBackToOtherChannel(record, customer, reason, recipient);
export const recordProviderSend = (tag: string | undefined, providerMessageId: string, at: string) =>
  notifier.recordProviderSend(tag, providerMessageId, at);
/** Sends what is due at `now` (the wall clock by default). */
export const sweepDueNotifications = (now?: Date) =>
  now ? createNotifier(notifyDeps(() => now)).sweepDueNotifications() : notifier.sweepDueNotifications();

const preferenceDeps: PreferenceDeps = {
  now: () => new Date(),
  orders: { get: getOrder },
  customers: {
    get: (customerId) => customers.getCustomer(customerId, true),
    swapContactPreferences: customers.swapContactPreferences,
  },
  notify,
};

/** A contact's preference change through their order's link (see changeContactPreferences). */
export const updateContactPreferences = (
  orderId: string,
  contactId: string,
  preferences: ContactPreferences,
  merge = false,
) => changeContactPreferences(preferenceDeps, orderId, contactId, preferences, merge);
