import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { buildMime } from './mime.ts';
import { SendFailure } from '../../domain/notify/record.ts';
import type { OutgoingEmail } from '../../usecases/notify/ports.ts';
import { MESSAGE_TAG_NAME } from '../../domain/notify/message-tag.ts';
import { endpointFor, optionalEnv, requiredEnv } from '../../shared/config.ts';

// Senders' callers catch it by class; it lives in the domain so use cases need no adapter import.
export { SendFailure };

let client: SESClient | undefined;
const ses = () => (client ??= new SESClient({ endpoint: endpointFor('SES') }));

/** The notifier's email (its port's shape); the tag may be absent outside notifications. */
export type EmailMessage = Omit<OutgoingEmail, 'tag'> & { readonly tag?: string };

/** SES errors that no retry can fix: the message or address is refused. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSendingPausedException',
  'InvalidParameterValue',
]);

/**
 * Sends one email through SES (in the configuration set that reports bounces), returning its message
 * id. Raw MIME, because the unsubscribe headers and Reply-To need it.
 */
export async function sendEmail(message: EmailMessage): Promise<string> {
  const configurationSet = optionalEnv('SES_CONFIGURATION_SET', '');
  try {
    const { MessageId } = await ses().send(
      new SendRawEmailCommand({
        Source: requiredEnv('SENDER_EMAIL'),
        Destinations: [message.to],
        RawMessage: {
          Data: Buffer.from(
            buildMime({
              from: requiredEnv('SENDER_EMAIL'),
              to: message.to,
              subject: message.subject,
              text: message.text,
              html: message.html,
              ...(message.replyTo ? { replyTo: message.replyTo } : {}),
              ...(message.headers ? { headers: message.headers } : {}),
            }),
          ),
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        ...(message.tag ? { Tags: [{ Name: MESSAGE_TAG_NAME, Value: message.tag }] } : {}),
      }),
    );
    return MessageId ?? 'unknown';
  } catch (error) {
    const name = (error as Error).name;
    throw new SendFailure(`SES refused the email: ${name}`, PERMANENT.has(name));
  }
}
