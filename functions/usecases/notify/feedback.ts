import { logger } from '../../shared/powertools/logger.ts';
import type { Notifier } from './notifier.ts';
import type { NotifyDeps } from './ports.ts';

/** The opt-out keywords AWS End User Messaging SMS recognises by default. */
export const OPT_OUT_KEYWORDS = [
  'ARRET',
  'CANCEL',
  'END',
  'OPT-OUT',
  'OPTOUT',
  'QUIT',
  'REMOVE',
  'STOP',
  'TD',
  'UNSUBSCRIBE',
];

/** Final SMS statuses that mean the phone got the message (SUCCESSFUL: accepted by the carrier). */
const ARRIVED = ['DELIVERED', 'SUCCESSFUL'];

export interface EmailFeedback {
  readonly type: 'Bounce' | 'Complaint';
  /** Only a permanent bounce suppresses; a transient one is the provider's to retry. */
  readonly permanent: boolean;
  readonly messageId: string;
  readonly addresses: readonly string[];
}

export interface SmsReceipt {
  readonly messageId: string;
  readonly messageStatus: string;
  readonly isFinal?: boolean;
}

/** What the providers report after a send: bounces, complaints, delivery receipts and STOP replies. */
export function createFeedback(
  deps: Pick<NotifyDeps, 'now' | 'store' | 'customers'>,
  notifier: Pick<Notifier, 'notify' | 'fallBackToOtherChannel'>,
) {
  /**
   * A permanent bounce or a complaint suppresses the addresses and moves the message to SMS where
   * the contact allows it. A repeated report finds the message already bounced and does nothing more.
   */
  async function emailFeedback(feedback: EmailFeedback): Promise<void> {
    if (feedback.type === 'Bounce' && !feedback.permanent) return;
    if (!feedback.addresses.length) return;
    const bounced = feedback.type === 'Bounce';
    const at = deps.now().toISOString();
    for (const address of feedback.addresses)
      await deps.customers.suppress(address, bounced ? 'bounce' : 'complaint', at);
    const sent = await deps.store.notificationByProviderId(feedback.messageId);
    logger.info('Email feedback', {
      type: feedback.type,
      messageId: feedback.messageId,
      orderId: sent?.orderId,
    });
    if (!sent || sent.status === 'BOUNCED') return;
    const updated = await deps.store.settle(sent, {
      status: 'BOUNCED',
      detail: `${feedback.type} reported by SES`,
    });
    const customer = await deps.customers.get(sent.customerId);
    if (customer)
      await notifier.fallBackToOtherChannel(
        updated,
        customer,
        bounced
          ? 'email bounced; the address is suppressed'
          : 'email marked as spam; the address is suppressed',
      );
  }

  /**
   * A final receipt that says the SMS did not arrive: the message is marked failed and goes out by
   * email where the contact has one, and sales hear. A repeated receipt finds the message already
   * failed and does nothing. Answers whether it fell back.
   */
  async function smsReceipt(receipt: SmsReceipt): Promise<boolean> {
    if (receipt.isFinal === false || ARRIVED.includes(receipt.messageStatus)) return false;
    const sent = await deps.store.notificationByProviderId(receipt.messageId);
    if (!sent) {
      // Not one of ours, or its send is not recorded yet (receipts take seconds, the record
      // milliseconds): nothing to fall back from.
      logger.warn('Delivery receipt for an unknown SMS', { status: receipt.messageStatus });
      return false;
    }
    if (sent.channel !== 'sms' || sent.status !== 'SENT') return false;
    const failed = await deps.store.settle(sent, {
      status: 'FAILED',
      detail: `delivery receipt: ${receipt.messageStatus}`,
    });
    logger.info('SMS not delivered', {
      orderId: sent.orderId,
      kind: sent.kind,
      status: receipt.messageStatus,
    });
    const customer = await deps.customers.get(sent.customerId);
    if (customer)
      await notifier.fallBackToOtherChannel(
        failed,
        customer,
        `SMS not delivered (${receipt.messageStatus.toLowerCase().replaceAll('_', ' ')})`,
      );
    return true;
  }

  /**
   * An inbound SMS: an opt-out keyword stops every further SMS to that number and sales are told.
   * Answers whether it was an opt-out.
   */
  async function smsReply(reply: { from: string; body: string; replyId: string }): Promise<boolean> {
    const keyword = reply.body.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    if (!OPT_OUT_KEYWORDS.includes(keyword)) return false;
    await deps.customers.suppress(reply.from, 'stop', deps.now().toISOString());
    const customerId = await deps.customers.customerIdForPhone(reply.from);
    logger.info('SMS opt-out', { keyword, customerId });
    if (customerId) {
      await notifier.notify({
        // Not about one order: the record lives under a per-customer key instead.
        orderId: `customer-${customerId}`,
        customerId,
        kind: 'CONTACT_OPTED_OUT',
        occurrence: `sms-${reply.replyId}`,
        facts: { channel: 'sms' },
      });
    }
    return true;
  }

  return { emailFeedback, smsReceipt, smsReply };
}
