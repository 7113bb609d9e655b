import { CRITICAL_KINDS, isCustomerKind, isNoticeKind, type NoticeKind } from '../../domain/notify/kinds.ts';
import { messageTag, parseMessageTag } from '../../domain/notify/message-tag.ts';
import { sendAt } from '../../domain/notify/preferences.ts';
import { SendFailure, type NotificationRecord } from '../../domain/notify/record.ts';
import { logger } from '../../shared/powertools/logger.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { QUICK_TRIES, retryDelayMs, shouldGiveUp } from './backoff.ts';
import { composeMessage } from './compose.ts';
import type { NotificationEvent, NotifyDeps, Recipient } from './ports.ts';
import { recipientsFor } from './recipients.ts';

export interface Notifier {
  /**
   * Tells everyone who should know about an event, once.
   * 1. Find the recipients (the customer's contacts, or the sales owner) and their channels.
   * 2. Claim each (order, kind, occurrence, recipient, channel) with a conditional write; a claimed one is skipped.
   * 3. Hold non-critical messages during quiet hours; send the rest now, retrying and falling back to SMS.
   */
  notify(event: NotificationEvent): Promise<NotificationRecord[]>;
  /**
   * A message that did not arrive (a bounce or complaint, a refused send, a failed SMS delivery
   * receipt): the customer gets it by the other channel if the contact has one and allows it, and
   * sales hear why. Both are claimed like any message, so a repeated report sends nothing twice.
   */
  fallBackToOtherChannel(
    record: NotificationRecord,
    customer: Customer,
    reason: string,
    recipient?: Recipient,
  ): Promise<void>;
  /**
   * The provider says it accepted the message a tag names. Records it as sent if its sender could
   * not (it crashed, or the store was down, right after the send): without this, the sweeper would
   * send it again. Returns whether the record changed.
   */
  recordProviderSend(tag: string | undefined, providerMessageId: string, at: string): Promise<boolean>;
  /** Sends what is due: messages held for quiet hours and claims a crash left unsent. */
  sweepDueNotifications(): Promise<number>;
}

export function createNotifier(deps: NotifyDeps): Notifier {
  const { store } = deps;
  const recipients = (kind: NoticeKind, customer: Customer) => recipientsFor(kind, customer, deps.settings());

  /** Sends one claimed message, retrying transient failures with backoff; returns the settled record. */
  async function deliver(
    claimed: NotificationRecord,
    customer: Customer,
    recipient: Recipient,
  ): Promise<NotificationRecord> {
    const address = claimed.channel === 'email' ? recipient.email : recipient.phone;
    if (!address || (await deps.customers.isSuppressed(address))) {
      return store.settle(claimed, { status: 'SKIPPED', detail: 'address suppressed or opted out' });
    }
    const composed = await composeMessage(deps, claimed, customer, recipient);
    // From here the outcome may be known only to the provider: the record says so before the send,
    // so the sweeper gives the provider's send event time to record it (sendOutcomeGraceMs).
    const record = await store.markSending(claimed, deps.now().toISOString());
    const tag = messageTag(record);
    const { message } = composed;
    let lastError: SendFailure | undefined;
    let tried = 0;
    for (let attempt = 1; attempt <= QUICK_TRIES; attempt += 1) {
      tried = attempt;
      try {
        const providerMessageId =
          record.channel === 'email'
            ? await deps.email.send({
                to: address,
                subject: message.subject,
                text: composed.text,
                html: composed.html,
                ...(composed.replyTo ? { replyTo: composed.replyTo } : {}),
                ...(composed.headers ? { headers: composed.headers } : {}),
                tag,
              })
            : await deps.sms.send(address, message.sms, tag);
        logger.info('Notification sent', {
          kind: record.kind,
          channel: record.channel,
          orderId: record.orderId,
          recipientId: record.recipientId,
          attempt,
        });
        return store.settle(record, {
          status: 'SENT',
          attempts: record.attempts + attempt,
          providerMessageId,
          template: message.template,
          locale: message.locale,
          sentAt: deps.now().toISOString(),
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
        await deps.sleep(100 * 4 ** (attempt - 1));
      }
    }
    const attempts = record.attempts + tried;
    if (!lastError?.permanent && !shouldGiveUp(attempts)) {
      // Still failing after the quick retries: leave it claimed and due later, each round waiting
      // twice as long as the one before; the sweeper tries again.
      const dueAt = new Date(deps.now().getTime() + retryDelayMs(attempts)).toISOString();
      await store.postpone(record, dueAt, attempts, lastError?.message ?? 'failed');
      return { ...record, attempts, dueAt };
    }
    const failed = await store.settle(record, {
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

  async function dispatch(
    record: NotificationRecord,
    customer: Customer,
    recipient: Recipient,
  ): Promise<NotificationRecord | undefined> {
    if (!(await store.claim(record))) return undefined;
    if (record.dueAt > deps.now().toISOString()) return store.settle(record, { status: 'HELD' });
    return deliver(record, customer, recipient);
  }

  async function fallBackToOtherChannel(
    record: NotificationRecord,
    customer: Customer,
    reason: string,
    recipient?: Recipient,
  ): Promise<void> {
    const other = record.channel === 'email' ? 'sms' : 'email';
    const target =
      recipient ??
      recipients(record.kind as NoticeKind, customer).find(
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
        sendingAt: _sendingAt,
        ...notice
      } = record;
      const now = deps.now();
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

  async function notify(event: NotificationEvent): Promise<NotificationRecord[]> {
    if (!isNoticeKind(event.kind)) throw new Error(`Unknown notification kind ${event.kind}`);
    const kind = event.kind;
    const customer = await deps.customers.get(event.customerId);
    if (!customer) {
      logger.warn('No customer for notification', { orderId: event.orderId, kind });
      return [];
    }
    const now = deps.now();
    const critical = event.critical ?? CRITICAL_KINDS.includes(kind);
    const results: NotificationRecord[] = [];
    for (const recipient of recipients(kind, customer)) {
      for (const channel of recipient.channels) {
        // Quiet hours hold text messages only; an email waits in the inbox anyway.
        const dueAt =
          channel === 'sms' ? sendAt(now, critical, recipient.timeZone, recipient.quietHours) : now;
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

  async function recordProviderSend(
    tag: string | undefined,
    providerMessageId: string,
    at: string,
  ): Promise<boolean> {
    const tagged = parseMessageTag(tag);
    if (!tagged) return false;
    const record = await store.getNotification(tagged.orderId, tagged.key);
    if (!record || record.status !== 'CLAIMED') return false;
    const recorded = await store.settleIfClaimed(record, {
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

  async function sweepDueNotifications(): Promise<number> {
    const now = deps.now();
    const due = await store.dueNotifications(now.toISOString());
    const graceMs = deps.settings().sendOutcomeGraceMs;
    let sent = 0;
    for (const record of due) {
      // A send whose outcome is not recorded yet may still be settled by its sender, or by the
      // provider's send event (see recordProviderSend); only a send older than that grace is retried.
      // A fresh claim never handed to the provider may still be in its sender's hands for a moment.
      if (record.status === 'CLAIMED') {
        const handedOver = record.sendingAt && Date.parse(record.sendingAt) > now.getTime() - graceMs;
        const fresh = record.attempts === 0 && Date.parse(record.createdAt) > now.getTime() - 60_000;
        if (handedOver || (!record.sendingAt && fresh)) continue;
      }
      const customer = await deps.customers.get(record.customerId);
      const recipient =
        customer &&
        recipients(record.kind as NoticeKind, customer).find(
          (candidate) => candidate.id === record.recipientId,
        );
      if (!customer || !recipient) {
        await store.settle(record, { status: 'SKIPPED', detail: 'recipient no longer exists' });
        continue;
      }
      const result = await deliver(record, customer, recipient);
      if (result.status === 'SENT') sent += 1;
    }
    return sent;
  }

  return { notify, fallBackToOtherChannel, recordProviderSend, sweepDueNotifications };
}
