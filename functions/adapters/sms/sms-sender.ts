import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { endpointFor, optionalEnv } from '../../shared/config.ts';
import { SendFailure } from '../ses/email-sender.ts';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';

let client: PinpointSMSVoiceV2Client | undefined;
const sms = () => (client ??= new PinpointSMSVoiceV2Client({ endpoint: endpointFor('SMS') }));

/** End User Messaging SMS errors a retry cannot fix (opted-out number, invalid destination...). */
const PERMANENT = new Set([
  'ValidationException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'ConflictException',
]);

/**
 * Sends one SMS through AWS End User Messaging SMS (SendTextMessage), returning its message id. The
 * tag names the notification record; the configuration set's events echo it in `context`.
 */
export async function sendSms(to: string, body: string, tag?: string): Promise<string> {
  const originationIdentity = optionalEnv('SMS_ORIGINATION_IDENTITY', '');
  const configurationSet = optionalEnv('SMS_CONFIGURATION_SET', '');
  try {
    const { MessageId } = await sms().send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: to,
        MessageBody: body,
        MessageType: 'TRANSACTIONAL',
        ...(originationIdentity ? { OriginationIdentity: originationIdentity } : {}),
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        ...(tag ? { Context: { [MESSAGE_TAG_NAME]: tag } } : {}),
      }),
    );
    return MessageId ?? 'unknown';
  } catch (error) {
    const name = (error as Error).name;
    throw new SendFailure(`SMS refused: ${name}`, PERMANENT.has(name));
  }
}
