import type { SNSEvent } from 'aws-lambda';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';
import { emailFeedback, recordProviderSend } from '../../usecases/notify/wiring.ts';

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
    const { messageId, timestamp, tags } = notification.mail;
    if (type === 'Send') {
      await recordProviderSend(
        tags?.[MESSAGE_TAG_NAME]?.[0],
        messageId,
        timestamp ?? new Date().toISOString(),
      );
    } else if (type === 'Bounce' || type === 'Complaint') {
      const addresses =
        type === 'Bounce'
          ? (notification.bounce?.bouncedRecipients ?? [])
          : (notification.complaint?.complainedRecipients ?? []);
      await emailFeedback({
        type,
        permanent: type === 'Complaint' || notification.bounce?.bounceType === 'Permanent',
        messageId,
        addresses: addresses.map((recipient) => recipient.emailAddress),
      });
    }
  }
  return { processed: event.Records.length };
}
