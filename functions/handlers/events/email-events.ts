import type { SNSEvent } from 'aws-lambda';
import { suppress, getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import { notificationByProviderId, settle } from '../../adapters/dynamodb/notification-repository.ts';
import { logger } from '../../shared/powertools/logger.ts';
import { fallBackToOtherChannel, recordProviderSend } from '../../usecases/notify/index.ts';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';

interface SesNotification {
  notificationType?: string;
  eventType?: string;
  mail: { messageId: string; timestamp?: string; tags?: Record<string, string[]> };
  bounce?: { bounceType: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complainedRecipients: { emailAddress: string }[] };
}

/**
 * SES events from the configuration set (via SNS): a send records a message its sender could not; a
 * permanent bounce or a complaint suppresses the address (stored only as a hash) and moves the
 * message to SMS where the contact allows it.
 */
export async function handler(event: SNSEvent): Promise<{ processed: number }> {
  for (const record of event.Records) {
    const notification = JSON.parse(record.Sns.Message) as SesNotification;
    const type = notification.notificationType ?? notification.eventType;
    if (type === 'Send') {
      const { messageId, timestamp, tags } = notification.mail;
      await recordProviderSend(
        tags?.[MESSAGE_TAG_NAME]?.[0],
        messageId,
        timestamp ?? new Date().toISOString(),
      );
      continue;
    }
    const bounced = type === 'Bounce' && notification.bounce?.bounceType === 'Permanent';
    const addresses = bounced
      ? (notification.bounce?.bouncedRecipients ?? [])
      : type === 'Complaint'
        ? (notification.complaint?.complainedRecipients ?? [])
        : [];
    if (!addresses.length) continue;
    const at = new Date().toISOString();
    for (const { emailAddress } of addresses)
      await suppress(emailAddress, bounced ? 'bounce' : 'complaint', at);
    const sent = await notificationByProviderId(notification.mail.messageId);
    logger.info('Email feedback', { type, messageId: notification.mail.messageId, orderId: sent?.orderId });
    if (!sent || sent.status === 'BOUNCED') continue;
    const updated = await settle(sent, { status: 'BOUNCED', detail: `${type} reported by SES` });
    const customer = await getCustomer(sent.customerId);
    if (customer)
      await fallBackToOtherChannel(
        updated,
        customer,
        bounced
          ? 'email bounced; the address is suppressed'
          : 'email marked as spam; the address is suppressed',
      );
  }
  return { processed: event.Records.length };
}
