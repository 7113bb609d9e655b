import http from 'node:http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { countSegments } from '../../functions/domain/notify/segments.ts';
import { EVENTS_REPUBLISHED_SECONDS, openJournal } from './journal.ts';
import { assertPortFree, freePort } from './ports.ts';

/** Test numbers, like SES's mailbox simulator: documented in the README. */
export const SMS_TEST_NUMBERS = {
  /** Every send is refused permanently (as for an invalid destination). */
  alwaysFails: '+15555550100',
  /** The first two sends fail with a throttling error, then it works: exercises retries. */
  flaky: '+15555550101',
} as const;

export interface SmsMessage {
  readonly messageId: string;
  readonly to: string;
  readonly body: string;
  readonly at: string;
  readonly encoding: string;
  readonly segments: number;
  /** SendTextMessage's Context, which End User Messaging echoes in every event of the message. */
  readonly context?: Record<string, string>;
}

/**
 * A local stand-in for AWS End User Messaging SMS: speaks the JSON protocol of SendTextMessage
 * (`X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage`) so the unchanged SDK client works, keeps
 * what it receives and lists it at `GET /store`. `POST /simulate/inbound {from, body}` plays a
 * reply from a phone (e.g. STOP) into `onInbound`, as the two-way SNS topic would, and
 * `POST /simulate/receipt {messageId, status}` plays a carrier's final delivery receipt into
 * `onReceipt`, as the configuration set's event destination would.
 */
export async function startSmsSink(options: {
  port?: number;
  onInbound?: (from: string, body: string) => Promise<void>;
  onReceipt?: (messageId: string, status: string, context?: Record<string, string>) => Promise<void>;
  /** Every accepted message, as the configuration set's TEXT_QUEUED event (after the answer). */
  onQueued?: (message: SmsMessage) => Promise<void>;
  /** Keep what it received in `sms-outbox.jsonl` (and refusals in `sms-rejected.jsonl`) here, across restarts. */
  dataDir?: string;
}) {
  const port = options.port ?? (await freePort());
  if (options.port) await assertPortFree(port, 'the SMS outbox');
  const kept = (name: string) => (options.dataDir ? path.join(options.dataDir, name) : undefined);
  const messageJournal = openJournal<SmsMessage>(kept('sms-outbox.jsonl'));
  const rejectedJournal = openJournal<{ to: string; at: string; error: string }>(kept('sms-rejected.jsonl'));
  const messages: SmsMessage[] = messageJournal.load();
  /** Sends the sink refused (test numbers), so tests can see that a retry happened. */
  const rejected = rejectedJournal.load();
  const attempts = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const send = (status: number, body: unknown, type = 'application/json') => {
        response.writeHead(status, { 'content-type': type });
        response.end(JSON.stringify(body));
      };
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (request.method === 'GET' && request.url === '/store') return send(200, { messages, rejected });
        if (request.method === 'POST' && request.url === '/clear-store') {
          messages.length = 0;
          messageJournal.clear();
          return send(200, { cleared: true });
        }
        if (request.method === 'POST' && request.url === '/simulate/inbound') {
          const { from, body } = JSON.parse(raw) as { from: string; body: string };
          await options.onInbound?.(from, body);
          return send(200, { delivered: true });
        }
        if (request.method === 'POST' && request.url === '/simulate/receipt') {
          const { messageId, status } = JSON.parse(raw) as { messageId: string; status: string };
          const context = messages.find((message) => message.messageId === messageId)?.context;
          await options.onReceipt?.(messageId, status, context);
          return send(200, { delivered: true });
        }
        const target = String(request.headers['x-amz-target'] ?? '');
        if (request.method === 'POST' && target === 'PinpointSMSVoiceV2.SendTextMessage') {
          const input = JSON.parse(raw) as {
            DestinationPhoneNumber?: string;
            MessageBody?: string;
            Context?: Record<string, string>;
          };
          const to = input.DestinationPhoneNumber ?? '';
          if (!/^\+[1-9]\d{6,14}$/.test(to))
            return send(
              400,
              { __type: 'ValidationException', message: 'Invalid destination phone number' },
              'application/x-amz-json-1.0',
            );
          if (to === SMS_TEST_NUMBERS.alwaysFails)
            return send(
              400,
              { __type: 'ValidationException', message: 'Destination refused (test number)' },
              'application/x-amz-json-1.0',
            );
          const attempt = (attempts.get(to) ?? 0) + 1;
          attempts.set(to, attempt);
          if (to === SMS_TEST_NUMBERS.flaky && attempt <= 2) {
            const refusal = { to, at: new Date().toISOString(), error: 'ThrottlingException' };
            rejected.push(refusal);
            rejectedJournal.append(refusal);
            return send(
              400,
              { __type: 'ThrottlingException', message: 'Slow down (test number)' },
              'application/x-amz-json-1.0',
            );
          }
          const body = input.MessageBody ?? '';
          const { encoding, segments } = countSegments(body);
          const message = {
            messageId: randomUUID(),
            to,
            body,
            at: new Date().toISOString(),
            encoding,
            segments,
            ...(input.Context ? { context: input.Context } : {}),
          };
          messages.push(message);
          // On disk before the sender hears back: a message the product counts as sent is in the outbox.
          messageJournal.append(message);
          send(200, { MessageId: message.messageId }, 'application/x-amz-json-1.0');
          // The provider's event follows its answer, as in the cloud.
          if (options.onQueued) setImmediate(() => void options.onQueued!(message));
          return;
        }
        send(404, { message: `Unknown request ${request.method} ${request.url} ${target}` });
      } catch (error) {
        send(500, { message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // A runtime killed right after a send may not have published its event: those of the last
  // minutes are published again (the function takes a repeat), as SES's outbox does.
  const recent = Date.now() - EVENTS_REPUBLISHED_SECONDS * 1000;
  if (options.onQueued)
    for (const message of messages.filter((kept) => Date.parse(kept.at) >= recent))
      setImmediate(() => void options.onQueued!(message));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    storeUrl: `${url}/store`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The SNS-wrapped inbound message the cloud's sms-events function receives. */
export const inboundSmsEvent = (from: string, body: string) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      Sns: {
        MessageId: randomUUID(),
        Message: JSON.stringify({
          originationNumber: from,
          messageBody: body,
          inboundMessageId: randomUUID(),
        }),
      },
    },
  ],
});

/**
 * The SNS-wrapped final delivery receipt of an SMS, in End User Messaging's event format
 * (`messageStatus` such as DELIVERED, CARRIER_UNREACHABLE or BLOCKED).
 */
export const smsReceiptEvent = (
  messageId: string,
  status: string,
  context?: Record<string, string>,
  isFinal = true,
) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      Sns: {
        MessageId: randomUUID(),
        Message: JSON.stringify({
          eventType: status === 'DELIVERED' ? 'TEXT_DELIVERED' : `TEXT_${status}`,
          eventTimestamp: Date.now(),
          isFinal,
          messageId,
          messageStatus: status,
          messageStatusDescription: `Simulated receipt: ${status}`,
          ...(context ? { context } : {}),
        }),
      },
    },
  ],
});

/** The SNS-wrapped TEXT_QUEUED event of a message the sink accepted. */
export const smsQueuedEvent = (message: SmsMessage) =>
  smsReceiptEvent(message.messageId, 'QUEUED', message.context, false);
