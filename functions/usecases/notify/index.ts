import * as customers from '../../adapters/dynamodb/customer-repository.ts';
import * as records from '../../adapters/dynamodb/notification-repository.ts';
import type { NotificationRecord } from '../../adapters/dynamodb/notification-repository.ts';
import { sendEmail, SendFailure } from '../../adapters/ses/email-sender.ts';
import { sendSms } from '../../adapters/sms/sms-sender.ts';
import {
  CRITICAL_KINDS,
  isCustomerKind,
  isNoticeKind,
  type Channel,
  type NoticeKind,
} from '../../domain/notify/kinds.ts';
import { channelsFor, sendAt, type Contact } from '../../domain/notify/preferences.ts';
import { renderMessage, type Locale } from '../../domain/notify/render.ts';
import { getOrder } from '../../adapters/dynamodb/order-repository.ts';
import { getProducts } from '../../adapters/dynamodb/supply-repository.ts';
import { contactSignature } from '../../shared/auth/form-token.ts';
import { trackingLink } from '../../shared/auth/tracking-token.ts';
import { emailHtml, footerText, messageFacts } from '../../web/email.ts';
import { optionalEnv } from '../../shared/config.ts';
import { logger } from '../../shared/powertools/logger.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { QUICK_TRIES, retryDelayMs, shouldGiveUp } from './backoff.ts';
import { messageTag, parseMessageTag } from '../../domain/notify/message-tag.ts';

export interface NotificationEvent {
  readonly orderId: string;
  readonly customerId: string;
  readonly kind: string;
  /** Stage, promise version or escalation number: part of the dedupe key. */
  readonly occurrence: string;
  readonly facts: Record<string, unknown>;
  readonly critical?: boolean;
}

interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly channels: Channel[];
  readonly locale: Locale;
  readonly timeZone: string;
  readonly quietHours?: { start: string; end: string };
}

function recipientsFor(kind: NoticeKind, customer: Customer): Recipient[] {
  if (isCustomerKind(kind)) {
    return customer.contacts.map((contact: Contact) => ({
      id: contact.id,
      name: contact.name,
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
      channels: channelsFor(contact, kind),
      locale: (contact.preferences?.locale ?? customer.locale) as Locale,
      timeZone: customer.timeZone,
      ...(contact.preferences?.quietHours ? { quietHours: contact.preferences.quietHours } : {}),
    }));
  }
  const manager = optionalEnv('SALES_MANAGER_EMAIL', '');
  const owner =
    kind === 'CONFIRMATION_ESCALATED' && manager
      ? { id: 'sales-manager', name: 'Sales manager', email: manager }
      : { id: 'sales-owner', name: customer.salesOwner.name, email: customer.salesOwner.email };
  const recipients: Recipient[] = [{ ...owner, channels: ['email'], locale: 'en', timeZone: 'UTC' }];
  // An order that needs a person reaches operations too, where an address is set.
  const operations = optionalEnv('OPERATIONS_EMAIL', '');
  if (kind === 'NEEDS_ATTENTION' && operations)
    recipients.push({
      id: 'operations',
      name: 'Operations',
      email: operations,
      channels: ['email'],
      locale: 'en',
      timeZone: 'UTC',
    });
  return recipients;
}

/** The links of one message, rendered at send time from the secret: never stored with the message. */
async function messageLinks(record: NotificationRecord, recipientId: string, customerKind: boolean) {
  const generation = Number(record.facts.linkGeneration ?? 0) || 0;
  const { url } = await trackingLink(record.orderId, generation);
  if (!customerKind) return { tracking: url };
  const contact = `contact=${encodeURIComponent(recipientId)}&sig=${await contactSignature(record.orderId, recipientId)}`;
  return {
    tracking: url,
    unsubscribe: `${url}/unsubscribe?${contact}`,
    preferences: `${url}/preferences?${contact}`,
  };
}

interface ComposedMessage {
  readonly message: ReturnType<typeof renderMessage>;
  readonly text: string;
  readonly html: string;
  readonly replyTo?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Subject, text, HTML and SMS of one message in the recipient's language, with its order's lines. */
async function composeMessage(
  record: NotificationRecord,
  customer: Customer,
  recipient: Recipient,
): Promise<ComposedMessage> {
  const kind = record.kind as NoticeKind;
  const customerKind = isCustomerKind(kind);
  const order = await getOrder(record.orderId);
  const products = order ? await getProducts(order.lines.map((line) => line.sku)) : new Map();
  const links = await messageLinks(record, recipient.id, customerKind);
  const facts = messageFacts({
    kind,
    facts: record.facts,
    locale: recipient.locale,
    timeZone: recipient.timeZone,
    orderId: record.orderId,
    customerName: customer.name,
    contactName: recipient.name,
    trackingUrl: links.tracking,
    ...(order ? { order } : {}),
  });
  const message = renderMessage(kind, recipient.locale, facts);
  if (message.fellBack)
    logger.warn('Missing translation, sent in English', {
      template: message.template,
      wanted: recipient.locale,
    });
  if (message.missing.length)
    logger.warn('Message placeholders without a value', {
      template: message.template,
      missing: message.missing,
    });
  if (!customerKind) return { message, html: message.html, text: message.text };
  const html = emailHtml({
    locale: message.locale,
    subject: message.subject,
    bodyHtml: message.bodyHtml,
    lines: (order?.lines ?? []).map((line) => {
      const product = products.get(line.sku);
      return {
        name: product?.name ?? line.sku,
        quantity: line.quantity,
        ...(product ? { unitPrice: product.unitPrice } : {}),
      };
    }),
    currency: optionalEnv('CURRENCY', 'EUR'),
    trackingUrl: links.tracking,
    ...(links.preferences ? { preferencesUrl: links.preferences } : {}),
    ...(links.unsubscribe ? { unsubscribeUrl: links.unsubscribe } : {}),
  });
  const footer = footerText(message.locale, links);
  return {
    message,
    html,
    text: footer ? `${message.text}\n\n${footer}` : message.text,
    replyTo: customer.salesOwner.email,
    ...(links.unsubscribe
      ? {
          headers: {
            'List-Unsubscribe': `<${links.unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}

/** Sends one claimed message, retrying transient failures with backoff; returns the settled record. */
async function deliver(
  claimed: NotificationRecord,
  customer: Customer,
  recipient: Recipient,
  now = new Date(),
): Promise<NotificationRecord> {
  const address = claimed.channel === 'email' ? recipient.email : recipient.phone;
  if (!address || (await customers.isSuppressed(address))) {
    return records.settle(claimed, { status: 'SKIPPED', detail: 'address suppressed or opted out' });
  }
  const composed = await composeMessage(claimed, customer, recipient);
  // From here the outcome may be known only to the provider: the record says so before the send,
  // so the sweeper gives the provider's send event time to record it (see SEND_OUTCOME_GRACE_MS).
  const record = await records.markSending(claimed, new Date().toISOString());
  const tag = messageTag(record);
  const { message } = composed;
  let lastError: SendFailure | undefined;
  let tried = 0;
  for (let attempt = 1; attempt <= QUICK_TRIES; attempt += 1) {
    tried = attempt;
    try {
      const providerMessageId =
        record.channel === 'email'
          ? await sendEmail({
              to: address,
              subject: message.subject,
              text: composed.text,
              html: composed.html,
              ...(composed.replyTo ? { replyTo: composed.replyTo } : {}),
              ...(composed.headers ? { headers: composed.headers } : {}),
              tag,
            })
          : await sendSms(address, message.sms, tag);
      logger.info('Notification sent', {
        kind: record.kind,
        channel: record.channel,
        orderId: record.orderId,
        recipientId: record.recipientId,
        attempt,
      });
      return records.settle(record, {
        status: 'SENT',
        attempts: record.attempts + attempt,
        providerMessageId,
        template: message.template,
        locale: message.locale,
        sentAt: new Date().toISOString(),
      });
    } catch (error) {
      lastError =
        error instanceof SendFailure ? error : new SendFailure(String((error as Error).message), false);
      logger.warn('Notification send failed', {
        kind: record.kind,
        channel: record.channel,
        orderId: record.orderId,
        attempt,
        detail: lastError.message,
      });
      if (lastError.permanent) break;
      await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
    }
  }
  const attempts = record.attempts + tried;
  if (!lastError?.permanent && !shouldGiveUp(attempts)) {
    // Still failing after the quick retries: leave it claimed and due later, each round waiting
    // twice as long as the one before; the sweeper tries again.
    const dueAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
    await records.postpone(record, dueAt, attempts, lastError?.message ?? 'failed');
    return { ...record, attempts, dueAt };
  }
  const failed = await records.settle(record, {
    status: 'FAILED',
    attempts,
    detail: lastError?.message ?? 'failed',
    template: message.template,
    locale: message.locale,
  });
  const channelName = record.channel === 'email' ? 'email' : 'SMS';
  await fallBackToOtherChannel(
    failed,
    customer,
    lastError?.permanent
      ? `${channelName} refused by the provider`
      : `${channelName} could not be sent after ${attempts} tries`,
    recipient,
  );
  return failed;
}

/**
 * A message that did not arrive (a bounce or complaint, a refused send, a failed SMS delivery
 * receipt): the customer gets it by the other channel if the contact has one and allows it, and
 * sales hear why. Both are claimed like any message, so a repeated report sends nothing twice.
 */
export async function fallBackToOtherChannel(
  record: NotificationRecord,
  customer: Customer,
  reason: string,
  recipient?: Recipient,
): Promise<void> {
  const other = record.channel === 'email' ? 'sms' : 'email';
  const target =
    recipient ??
    recipientsFor(record.kind as NoticeKind, customer).find(
      (candidate) => candidate.id === record.recipientId,
    );
  if (
    (other === 'sms' ? target?.phone : target?.email) &&
    target &&
    isCustomerKind(record.kind) &&
    !customer.contacts.find((c) => c.id === target.id)?.preferences?.optOut?.[other]
  ) {
    // A new message: nothing of the failed send (provider id, time, error) carries over.
    const {
      providerMessageId: _id,
      sentAt: _sentAt,
      detail: _detail,
      template: _template,
      locale: _locale,
      ...notice
    } = record;
    const now = new Date();
    // Quiet hours hold a text message, as they would have held it first.
    const dueAt = other === 'sms' ? sendAt(now, record.critical, target.timeZone, target.quietHours) : now;
    await dispatch(
      {
        ...notice,
        key: `${record.kind}#${record.occurrence}#${record.recipientId}#${other}`,
        channel: other,
        status: 'CLAIMED',
        attempts: 0,
        createdAt: now.toISOString(),
        dueAt: dueAt.toISOString(),
      },
      customer,
      { ...target, channels: [other] },
    );
  }
  await notify({
    orderId: record.orderId,
    customerId: record.customerId,
    kind: 'ADDRESS_BOUNCED',
    occurrence: `${record.kind}-${record.occurrence}-${record.recipientId}-${record.channel}`,
    facts: { reason },
  });
}

async function dispatch(
  record: NotificationRecord,
  customer: Customer,
  recipient: Recipient,
): Promise<NotificationRecord | undefined> {
  if (!(await records.claim(record))) return undefined;
  if (record.dueAt > new Date().toISOString()) return records.settle(record, { status: 'HELD' });
  return deliver(record, customer, recipient);
}

/**
 * Tells everyone who should know about an event, once.
 * 1. Find the recipients (the customer's contacts, or the sales owner) and their channels.
 * 2. Claim each (order, kind, occurrence, recipient, channel) with a conditional write; a claimed one is skipped.
 * 3. Hold non-critical messages during quiet hours; send the rest now, retrying and falling back to SMS.
 */
export async function notify(event: NotificationEvent): Promise<NotificationRecord[]> {
  if (!isNoticeKind(event.kind)) throw new Error(`Unknown notification kind ${event.kind}`);
  const kind = event.kind;
  const customer = await customers.getCustomer(event.customerId);
  if (!customer) {
    logger.warn('No customer for notification', { orderId: event.orderId, kind });
    return [];
  }
  const now = new Date();
  const critical = event.critical ?? CRITICAL_KINDS.includes(kind);
  const results: NotificationRecord[] = [];
  for (const recipient of recipientsFor(kind, customer)) {
    for (const channel of recipient.channels) {
      // Quiet hours hold text messages only; an email waits in the inbox anyway.
      const dueAt = channel === 'sms' ? sendAt(now, critical, recipient.timeZone, recipient.quietHours) : now;
      const record: NotificationRecord = {
        orderId: event.orderId,
        customerId: event.customerId,
        key: `${kind}#${event.occurrence}#${recipient.id}#${channel}`,
        kind,
        occurrence: event.occurrence,
        recipientId: recipient.id,
        channel,
        critical,
        facts: event.facts,
        status: 'CLAIMED',
        attempts: 0,
        createdAt: now.toISOString(),
        dueAt: dueAt.toISOString(),
      };
      const result = await dispatch(record, customer, recipient);
      if (result) results.push(result);
    }
  }
  return results;
}

/**
 * How long a send handed to the provider may stay unrecorded before the sweeper sends it again:
 * longer than the provider's send event takes to be recorded, including Lambda's two retries of a
 * failed asynchronous invocation (about one and then two minutes later).
 * `SEND_OUTCOME_GRACE_SECONDS` changes it (the restart test uses a minute).
 */
export const SEND_OUTCOME_GRACE_MS = 5 * 60_000;
const sendOutcomeGraceMs = () =>
  Number(optionalEnv('SEND_OUTCOME_GRACE_SECONDS', String(SEND_OUTCOME_GRACE_MS / 1000))) * 1000;

/**
 * The provider says it accepted the message a tag names. Records it as sent if its sender could
 * not (it crashed, or the store was down, right after the send): without this, the sweeper would
 * send it again. Returns whether the record changed.
 */
export async function recordProviderSend(
  tag: string | undefined,
  providerMessageId: string,
  at: string,
): Promise<boolean> {
  const tagged = parseMessageTag(tag);
  if (!tagged) return false;
  const record = await records.getNotification(tagged.orderId, tagged.key);
  if (!record || record.status !== 'CLAIMED') return false;
  const recorded = await records.settleIfClaimed(record, {
    providerMessageId,
    sentAt: at,
    detail: "recorded from the provider's send event",
  });
  if (recorded)
    logger.warn('Notification send recorded from the provider event', {
      kind: record.kind,
      channel: record.channel,
      orderId: record.orderId,
      recipientId: record.recipientId,
    });
  return recorded;
}

/** Sends what is due: messages held for quiet hours and claims a crash left unsent. */
export async function sweepDueNotifications(now = new Date()): Promise<number> {
  const due = await records.dueNotifications(now.toISOString());
  let sent = 0;
  for (const record of due) {
    // A send whose outcome is not recorded yet may still be settled by its sender, or by the
    // provider's send event (see recordProviderSend); only a send older than that grace is retried.
    // A fresh claim never handed to the provider may still be in its sender's hands for a moment.
    if (record.status === 'CLAIMED') {
      const handedOver =
        record.sendingAt && Date.parse(record.sendingAt) > now.getTime() - sendOutcomeGraceMs();
      const fresh = record.attempts === 0 && Date.parse(record.createdAt) > now.getTime() - 60_000;
      if (handedOver || (!record.sendingAt && fresh)) continue;
    }
    const customer = await customers.getCustomer(record.customerId);
    const recipient =
      customer &&
      recipientsFor(record.kind as NoticeKind, customer).find(
        (candidate) => candidate.id === record.recipientId,
      );
    if (!customer || !recipient) {
      await records.settle(record, { status: 'SKIPPED', detail: 'recipient no longer exists' });
      continue;
    }
    const result = await deliver(record, customer, recipient, now);
    if (result.status === 'SENT') sent += 1;
  }
  return sent;
}
