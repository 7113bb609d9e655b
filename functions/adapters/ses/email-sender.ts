import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { endpointFor, optionalEnv, requiredEnv } from '../../shared/config.ts';

let client: SESClient | undefined;
const ses = () => (client ??= new SESClient({ endpoint: endpointFor('SES') }));

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** SES errors that no retry can fix: the message or address is refused. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSendingPausedException',
  'InvalidParameterValue',
]);

export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** Sends one email through SES (in the configuration set that reports bounces), returning its message id. */
export async function sendEmail(message: EmailMessage): Promise<string> {
  const configurationSet = optionalEnv('SES_CONFIGURATION_SET', '');
  try {
    const { MessageId } = await ses().send(
      new SendEmailCommand({
        Source: requiredEnv('SENDER_EMAIL'),
        Destination: { ToAddresses: [message.to] },
        Message: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      }),
    );
    return MessageId ?? 'unknown';
  } catch (error) {
    const name = (error as Error).name;
    throw new SendFailure(`SES refused the email: ${name}`, PERMANENT.has(name));
  }
}
