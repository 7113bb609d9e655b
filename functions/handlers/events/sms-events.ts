import type { SNSEvent } from 'aws-lambda';
import { customerIdForPhone, getCustomer, suppress } from '../../adapters/dynamodb/customer-repository.ts';
import { notificationByProviderId, settle } from '../../adapters/dynamodb/notification-repository.ts';
import { logger } from '../../shared/powertools/logger.ts';
import { fallBackToOtherChannel, notify, recordProviderSend } from '../../usecases/notify/index.ts';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';

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

interface InboundSms {
  originationNumber: string;
  messageBody: string;
  inboundMessageId?: string;
}

/** A delivery receipt from the SMS configuration set's event destination. */
interface DeliveryReceipt {
  messageId: string;
  messageStatus: string;
  isFinal?: boolean;
  eventTimestamp?: number;
  /** Echoes SendTextMessage's Context: it names the notification record (message-tag.ts). */
  context?: Record<string, string>;
}

/** Final statuses that mean the phone got the message (SUCCESSFUL: accepted by the carrier). */
const ARRIVED = ['DELIVERED', 'SUCCESSFUL'];

/**
 * A final receipt that says the SMS did not arrive: the message is marked failed and goes out by
 * email where the contact has one, and sales hear. A repeated receipt finds the message already
 * failed and does nothing.
 */
async function onReceipt(receipt: DeliveryReceipt): Promise<boolean> {
  if (receipt.isFinal === false || ARRIVED.includes(receipt.messageStatus)) return false;
  const sent = await notificationByProviderId(receipt.messageId);
  if (!sent) {
    // Not one of ours, or its send is not recorded yet (receipts take seconds, the record
    // milliseconds): nothing to fall back from.
    logger.warn('Delivery receipt for an unknown SMS', { status: receipt.messageStatus });
    return false;
  }
  if (sent.channel !== 'sms' || sent.status !== 'SENT') return false;
  const failed = await settle(sent, {
    status: 'FAILED',
    detail: `delivery receipt: ${receipt.messageStatus}`,
  });
  logger.info('SMS not delivered', { orderId: sent.orderId, kind: sent.kind, status: receipt.messageStatus });
  const customer = await getCustomer(sent.customerId);
  if (customer)
    await fallBackToOtherChannel(
      failed,
      customer,
      `SMS not delivered (${receipt.messageStatus.toLowerCase().replaceAll('_', ' ')})`,
    );
  return true;
}

/**
 * Two-way SMS and delivery receipts (via SNS): an opt-out keyword stops every further SMS to that
 * number and sales are told; a final receipt saying an SMS did not arrive falls back to email.
 */
export async function handler(event: SNSEvent): Promise<{ optedOut: number; undelivered: number }> {
  let optedOut = 0;
  let undelivered = 0;
  for (const record of event.Records) {
    const inbound = JSON.parse(record.Sns.Message) as Partial<InboundSms & DeliveryReceipt>;
    if (typeof inbound.messageId === 'string' && typeof inbound.messageStatus === 'string') {
      // Any event about a message means the provider accepted it: a send not recorded yet is now.
      const at = inbound.eventTimestamp ? new Date(inbound.eventTimestamp) : new Date();
      await recordProviderSend(inbound.context?.[MESSAGE_TAG_NAME], inbound.messageId, at.toISOString());
      if (await onReceipt(inbound as DeliveryReceipt)) undelivered += 1;
      continue;
    }
    if (typeof inbound.messageBody !== 'string' || typeof inbound.originationNumber !== 'string') continue;
    const keyword = inbound.messageBody.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
    if (!OPT_OUT_KEYWORDS.includes(keyword)) continue;
    await suppress(inbound.originationNumber, 'stop', new Date().toISOString());
    optedOut += 1;
    const customerId = await customerIdForPhone(inbound.originationNumber);
    logger.info('SMS opt-out', { keyword, customerId });
    if (customerId) {
      await notify({
        // Not about one order: the record lives under a per-customer key instead.
        orderId: `customer-${customerId}`,
        customerId,
        kind: 'CONTACT_OPTED_OUT',
        occurrence: `sms-${inbound.inboundMessageId ?? record.Sns.MessageId}`,
        facts: { channel: 'sms' },
      });
    }
  }
  return { optedOut, undelivered };
}
