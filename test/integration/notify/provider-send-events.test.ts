/**
 * A message the provider accepted while its record could not be written (the sender crashed, or the
 * store went away, between the two) must not be sent again by the sweeper: the provider's own send
 * event, carrying the record's tag, records it. Runs on DynamoDB Local with the local SES and SMS
 * outboxes publishing their events to the real event functions, as the local runtime wires them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import {
  claim,
  getNotification,
  settle,
  type NotificationRecord,
} from '../../../functions/adapters/dynamodb/notification-repository.ts';
import { sendEmail } from '../../../functions/adapters/ses/email-sender.ts';
import { sendSms } from '../../../functions/adapters/sms/sms-sender.ts';
import { messageTag } from '../../../functions/domain/notify/message-tag.ts';
import { handler as emailEvents } from '../../../functions/handlers/events/email-events.ts';
import { handler as smsEvents } from '../../../functions/handlers/events/sms-events.ts';
import {
  recordProviderSend,
  SEND_OUTCOME_GRACE_MS,
  sweepDueNotifications,
} from '../../../functions/usecases/notify/index.ts';
import { waitFor } from '../../../infra/local/api-client.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { sesSendEvent, startSesOutbox } from '../../../infra/local/ses-outbox.ts';
import { smsQueuedEvent, startSmsSink } from '../../../infra/local/sms-sink.ts';
import { freshTable } from '../../support/dynamo.ts';

let ses: Awaited<ReturnType<typeof startSesOutbox>>;
let sms: Awaited<ReturnType<typeof startSmsSink>>;
beforeAll(async () => {
  const { endpoint, tableName } = await freshTable();
  ses = await startSesOutbox({
    onSend: async (send) => void (await emailEvents(sesSendEvent(send) as never)),
  });
  sms = await startSmsSink({
    onQueued: async (message) => void (await smsEvents(smsQueuedEvent(message) as never)),
  });
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    SES_ENDPOINT: ses.url,
    SMS_ENDPOINT: sms.url,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SENDER_EMAIL: 'orders@example.com',
    TRACKING_SECRET: 'test-tracking-secret',
    PUBLIC_BASE_URL: 'http://localhost',
  });
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId: 'cust-events',
    timeZone: 'UTC',
    updatedAt: new Date().toISOString(),
    contacts: [{ id: 'buyer', name: 'Buyer', email: 'buyer@events.example', phone: '+4915100000001' }],
  });
}, 60_000);
afterAll(async () => {
  await ses?.close();
  await sms?.close();
});

/** A quote notice claimed and handed to the provider at `sendingAt`, its outcome not recorded. */
function claimed(orderId: string, channel: 'email' | 'sms', sendingAt: Date): NotificationRecord {
  const at = sendingAt.toISOString();
  return {
    orderId,
    customerId: 'cust-events',
    key: `QUOTE_READY#v1#buyer#${channel}`,
    kind: 'QUOTE_READY',
    occurrence: 'v1',
    recipientId: 'buyer',
    channel,
    critical: false,
    facts: { promisedDate: '2026-12-20', validUntil: '2026-12-09' },
    status: 'CLAIMED',
    attempts: 0,
    createdAt: at,
    dueAt: at,
    sendingAt: at,
  };
}

const mailTo = (address: string) => fetchMail(address);
async function fetchMail(address: string): Promise<number> {
  const { emails } = (await (await fetch(ses.storeUrl)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  return emails.filter((email) => email.destination.to.some((to) => to.includes(address))).length;
}

describe("the provider's send event", () => {
  it('records an email its sender could not, so the sweeper never sends it again', async () => {
    const record = claimed('ord_email_crash', 'email', new Date());
    expect(await claim(record)).toBe(true);
    // The sender's send went through; then it died before writing SENT.
    await sendEmail({
      to: 'buyer@events.example',
      subject: 'Your quote',
      text: 'text',
      html: '<p>html</p>',
      tag: messageTag(record),
    });

    await waitFor(
      'the send event to record it',
      async () => (await getNotification(record.orderId, record.key))?.status === 'SENT',
      10_000,
    );
    const stored = await getNotification(record.orderId, record.key);
    expect(stored).toMatchObject({ status: 'SENT', detail: "recorded from the provider's send event" });
    expect(stored?.providerMessageId).toBeTruthy();

    const muchLater = new Date(Date.now() + 2 * SEND_OUTCOME_GRACE_MS);
    expect(await sweepDueNotifications(muchLater)).toBe(0);
    expect(await mailTo('buyer@events.example')).toBe(1);
  });

  it('records an SMS from its queued event', async () => {
    const record = claimed('ord_sms_crash', 'sms', new Date());
    expect(await claim(record)).toBe(true);
    await sendSms('+4915100000001', 'Your quote', messageTag(record));

    await waitFor(
      'the queued event to record it',
      async () => (await getNotification(record.orderId, record.key))?.status === 'SENT',
      10_000,
    );
    expect(await sweepDueNotifications(new Date(Date.now() + 2 * SEND_OUTCOME_GRACE_MS))).toBe(0);
    expect(sms.messages.filter((message) => message.to === '+4915100000001')).toHaveLength(1);
  });

  it('changes nothing for a message its sender recorded, or a tag that is not ours', async () => {
    const record = claimed('ord_settled', 'email', new Date());
    await claim(record);
    await settle(record, { status: 'SENT', providerMessageId: 'sender-id', detail: 'sent by the sender' });
    expect(await recordProviderSend(messageTag(record), 'event-id', new Date().toISOString())).toBe(false);
    expect(await getNotification(record.orderId, record.key)).toMatchObject({
      providerMessageId: 'sender-id',
      detail: 'sent by the sender',
    });
    expect(await recordProviderSend('not a tag!', 'event-id', new Date().toISOString())).toBe(false);
    expect(await recordProviderSend(undefined, 'event-id', new Date().toISOString())).toBe(false);
  });
});

describe('the sweeper', () => {
  it('leaves a send of unknown outcome to its event for the grace period, then sends it exactly once', async () => {
    // A claim whose sender died before the provider saw it: no event will ever come.
    const handedOver = new Date(Date.now() - 60_000);
    const record = claimed('ord_lost_before_send', 'email', handedOver);
    await putCustomer({
      ...DEMO_CUSTOMERS.acme,
      customerId: 'cust-events',
      timeZone: 'UTC',
      updatedAt: new Date().toISOString(),
      contacts: [{ id: 'buyer', name: 'Buyer', email: 'buyer@events.example', phone: '+4915100000001' }],
    });
    expect(await claim(record)).toBe(true);
    const before = await mailTo('buyer@events.example');

    expect(await sweepDueNotifications(new Date())).toBe(0);
    expect(await getNotification(record.orderId, record.key)).toMatchObject({ status: 'CLAIMED' });

    const afterGrace = new Date(handedOver.getTime() + SEND_OUTCOME_GRACE_MS + 1000);
    expect(await sweepDueNotifications(afterGrace)).toBe(1);
    expect(await sweepDueNotifications(new Date(afterGrace.getTime() + SEND_OUTCOME_GRACE_MS * 2))).toBe(0);
    expect(await mailTo('buyer@events.example')).toBe(before + 1);
    expect(await getNotification(record.orderId, record.key)).toMatchObject({ status: 'SENT' });
  });
});

describe('message tags', () => {
  it('name their record and nothing else', async () => {
    const { parseMessageTag } = await import('../../../functions/domain/notify/message-tag.ts');
    const tag = messageTag({ orderId: 'ord_1', key: 'QUOTE_READY#v1#buyer#email' });
    expect(tag).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseMessageTag(tag)).toEqual({ orderId: 'ord_1', key: 'QUOTE_READY#v1#buyer#email' });
    expect(parseMessageTag(Buffer.from('only-one-part').toString('base64url'))).toBeUndefined();
    expect(parseMessageTag('a'.repeat(300))).toBeUndefined();
  });
});
