import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { getNotification } from '../../../functions/adapters/dynamodb/notification-repository.ts';
import { notify, sweepDueNotifications } from '../../../functions/usecases/notify/index.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { startSesOutbox } from '../../../infra/local/ses-outbox.ts';
import { startSmsSink } from '../../../infra/local/sms-sink.ts';
import { freshTable } from '../../support/dynamo.ts';

/** Messages the sweeper sends (held for quiet hours, or left claimed by a crash) go out exactly once. */
let ses: Awaited<ReturnType<typeof startSesOutbox>>;
let sms: Awaited<ReturnType<typeof startSmsSink>>;

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable();
  ses = await startSesOutbox({});
  sms = await startSmsSink({});
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
}, 60_000);
afterAll(async () => {
  await ses?.close();
  await sms?.close();
});

describe('the notification sweeper', () => {
  it('sends a message held for quiet hours once they are over, and never again', async () => {
    const customerId = 'cust-sweep';
    const phone = '+4915199887766';
    await putCustomer({
      ...DEMO_CUSTOMERS.acme,
      customerId,
      timeZone: 'UTC',
      updatedAt: new Date().toISOString(),
      // Quiet all day and SMS only: the quote waits for the sweeper.
      contacts: [
        {
          id: 'buyer',
          name: 'Buyer',
          phone,
          preferences: { quietHours: { start: '00:00', end: '23:59' }, channels: { QUOTE_READY: ['sms'] } },
        },
      ],
    });
    const [held] = await notify({
      orderId: 'ord_sweep',
      customerId,
      kind: 'QUOTE_READY',
      occurrence: 'v1',
      facts: { promisedDate: '2026-12-10', validUntil: '2026-12-07' },
    });
    expect(held?.status).toBe('HELD');
    const textsTo = () => sms.messages.filter((message) => message.to === phone);
    expect(textsTo()).toHaveLength(0);

    // Sweeps after the quiet hours: the first sends, the later ones find nothing due.
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(await sweepDueNotifications(later)).toBe(1);
    expect(await sweepDueNotifications(later)).toBe(0);
    expect(await sweepDueNotifications(new Date(later.getTime() + 86_400_000))).toBe(0);

    expect(textsTo()).toHaveLength(1);
    expect(await getNotification('ord_sweep', held?.key ?? '')).toMatchObject({ status: 'SENT' });
  });
});
