import type { SNSEvent } from 'aws-lambda';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';
import { recordProviderSend, smsReceipt, smsReply } from '../../usecases/notify/wiring.ts';

export { OPT_OUT_KEYWORDS } from '../../usecases/notify/feedback.ts';

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
      if (await smsReceipt(inbound as DeliveryReceipt)) undelivered += 1;
      continue;
    }
    if (typeof inbound.messageBody !== 'string' || typeof inbound.originationNumber !== 'string') continue;
    const reply = {
      from: inbound.originationNumber,
      body: inbound.messageBody,
      replyId: inbound.inboundMessageId ?? record.Sns.MessageId,
    };
    if (await smsReply(reply)) optedOut += 1;
  }
  return { optedOut, undelivered };
}
