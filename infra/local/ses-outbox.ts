import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import * as sesLocalModule from 'aws-ses-v2-local';

type StartSesLocal = (config: { host: string; port: number }) => Promise<Server>;
// The package is CommonJS with `exports.default`; under ESM the function can sit one level deeper.
const imported = (sesLocalModule as unknown as { default: StartSesLocal | { default: StartSesLocal } })
  .default;
const sesLocal: StartSesLocal = typeof imported === 'function' ? imported : imported.default;
import { EVENTS_REPUBLISHED_SECONDS, openJournal } from './journal.ts';
import { assertPortFree, freePort } from './ports.ts';

/**
 * aws-ses-v2-local keeps mail in a module-level store; its handlers call `saveEmail` and
 * `clearStore` through the module's exports, so wrapping those two keeps a copy on disk.
 */
interface SesLocalStore {
  saveEmail(email: StoredEmail): void;
  clearStore(): void;
  getStoreReadonly(): { emails: StoredEmail[] };
}
const require = createRequire(import.meta.url);
const sesStore = require('aws-ses-v2-local/dist/store.js') as SesLocalStore;
let mailJournal = openJournal<StoredEmail>(undefined);
const saveEmail = sesStore.saveEmail;
const clearStore = sesStore.clearStore;

/**
 * aws-ses-v2-local drops SendRawEmail's message tags, which SES echoes in its events. Its router
 * looks the handler up on each request, so a wrapper can hold the request's tags (across the
 * handler's awaits) for `saveEmail` to keep with the mail.
 */
type ExpressHandler = (request: { body: Record<string, string> }, ...rest: unknown[]) => unknown;
const sendRawEmailModule = require('aws-ses-v2-local/dist/v1/sendRawEmail.js') as { default: ExpressHandler };
const sendRawEmail = sendRawEmailModule.default;
const requestTags = new AsyncLocalStorage<Record<string, string[]>>();
sendRawEmailModule.default = (request, ...rest) => {
  const tags: Record<string, string[]> = {};
  for (let n = 1; request.body[`Tags.member.${n}.Name`]; n++)
    (tags[request.body[`Tags.member.${n}.Name`]!] ??= []).push(request.body[`Tags.member.${n}.Value`] ?? '');
  return requestTags.run(tags, () => sendRawEmail(request, ...rest));
};

sesStore.saveEmail = (email) => {
  const tags = requestTags.getStore();
  if (tags && Object.keys(tags).length) email.tags = tags;
  saveEmail(email);
  // Written before the SES call answers: a message the product counts as sent is in the outbox.
  mailJournal.append(email);
};
sesStore.clearStore = () => {
  clearStore();
  mailJournal.clear();
};

/** SES's mailbox simulator addresses: mail to them produces the same feedback events SES would. */
export const SIMULATOR = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
  success: 'success@simulator.amazonses.com',
} as const;

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  at: number;
  /** SendRawEmail's message tags, as SES's events carry them. */
  tags?: Record<string, string[]>;
}

/** What SES's `Send` event says of a message it accepted. */
export interface SesSend {
  readonly messageId: string;
  readonly timestamp: string;
  readonly tags: Record<string, string[]>;
}

export interface SesFeedback {
  readonly type: 'Bounce' | 'Complaint';
  readonly messageId: string;
  readonly address: string;
}

/**
 * The local SES: aws-ses-v2-local (stores mail, web view at /, `GET /store`). A watcher turns mail to
 * the simulator addresses into the bounce or complaint event SES would publish, for `onFeedback`.
 */
export async function startSesOutbox(options: {
  port?: number;
  onFeedback?: (feedback: SesFeedback) => Promise<void>;
  /** Every accepted message, as the configuration set's `Send` event. */
  onSend?: (send: SesSend) => Promise<void>;
  /** Keep the mail in `mail-outbox.jsonl` here, so it is still in the outbox after a restart. */
  dataDir?: string;
}) {
  const port = options.port ?? (await freePort());
  if (options.port) await assertPortFree(port, 'the SES outbox');
  mailJournal = openJournal<StoredEmail>(
    options.dataDir ? path.join(options.dataDir, 'mail-outbox.jsonl') : undefined,
  );
  const kept = mailJournal.load();
  // The store outlives a server in this process; with a data directory, the file is the truth.
  if (options.dataDir) sesStore.getStoreReadonly().emails.splice(0, Infinity, ...kept);
  const server: Server = await sesLocal({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${port}`;
  // Mail from before a restart had its events then, unless the runtime was killed before they
  // went out: those of the last minutes are published again (their functions take a repeat).
  const recent = Date.now() / 1000 - EVENTS_REPUBLISHED_SECONDS;
  const seen = new Set<string>(kept.filter((email) => email.at < recent).map((email) => email.messageId));
  let stopped = false;
  const watch = async () => {
    while (!stopped) {
      try {
        const { emails } = (await (await fetch(`${url}/store`)).json()) as { emails: StoredEmail[] };
        for (const email of emails) {
          if (seen.has(email.messageId)) continue;
          seen.add(email.messageId);
          await options.onSend?.({
            messageId: email.messageId,
            timestamp: new Date(email.at * 1000).toISOString(),
            tags: email.tags ?? {},
          });
          for (const address of email.destination.to) {
            const type = address.includes(SIMULATOR.bounce)
              ? 'Bounce'
              : address.includes(SIMULATOR.complaint)
                ? 'Complaint'
                : undefined;
            if (type && options.onFeedback)
              await options.onFeedback({
                type,
                messageId: email.messageId,
                address: SIMULATOR[type === 'Bounce' ? 'bounce' : 'complaint'],
              });
          }
        }
      } catch (error) {
        if (!stopped) console.error('SES outbox watcher:', (error as Error).message);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  void watch();
  return {
    url,
    storeUrl: `${url}/store`,
    close: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        mailJournal = openJournal<StoredEmail>(undefined);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The SNS-wrapped SES `Send` event the cloud's email-events function receives. */
export function sesSendEvent(send: SesSend) {
  const message = {
    eventType: 'Send',
    mail: { messageId: send.messageId, timestamp: send.timestamp, tags: send.tags },
    send: {},
  };
  return {
    Records: [
      { EventSource: 'aws:sns', Sns: { MessageId: crypto.randomUUID(), Message: JSON.stringify(message) } },
    ],
  };
}

/** The SNS-wrapped SES notification the cloud's email-events function receives. */
export function sesFeedbackEvent(feedback: SesFeedback) {
  const message =
    feedback.type === 'Bounce'
      ? {
          notificationType: 'Bounce',
          mail: { messageId: feedback.messageId },
          bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: feedback.address }] },
        }
      : {
          notificationType: 'Complaint',
          mail: { messageId: feedback.messageId },
          complaint: { complainedRecipients: [{ emailAddress: feedback.address }] },
        };
  return {
    Records: [
      { EventSource: 'aws:sns', Sns: { MessageId: crypto.randomUUID(), Message: JSON.stringify(message) } },
    ],
  };
}
