import type { SNSEvent } from 'aws-lambda';
import { customerIdForPhone, suppress } from '../../adapters/dynamodb/customer-repository.ts';
import { logger } from '../../shared/powertools/logger.ts';
import { notify } from '../../usecases/notify/index.ts';

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

/** Two-way SMS (via SNS): an opt-out keyword stops every further SMS to that number, and sales are told. */
export async function handler(event: SNSEvent): Promise<{ optedOut: number }> {
  let optedOut = 0;
  for (const record of event.Records) {
    const inbound = JSON.parse(record.Sns.Message) as Partial<InboundSms>;
    // The same topic carries delivery receipts, which have no message body: nothing to do for those.
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
  return { optedOut };
}
