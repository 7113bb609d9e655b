import { describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { getNotification } from '../../../functions/adapters/dynamodb/notification-repository.ts';
import { notify, sweepDueNotifications } from '../../../functions/usecases/notify/index.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

useNotificationOutboxes();

describe('a message that cannot be sent yet', () => {
  it('counts every try and waits twice as long after each round', async () => {
    await putCustomer({
      ...DEMO_CUSTOMERS.acme,
      customerId: 'cust-backoff',
      updatedAt: new Date().toISOString(),
      contacts: [{ id: 'buyer', name: 'Buyer', email: 'buyer@example.com' }],
    });
    // The SES client is made on this file's first send: with this endpoint, where nothing
    // listens, every send fails as an unreachable provider would.
    process.env.SES_ENDPOINT = 'http://127.0.0.1:9';

    const [first] = await notify({
      orderId: 'ord_backoff',
      customerId: 'cust-backoff',
      kind: 'QUOTE_READY',
      occurrence: 'v1',
      facts: { promisedDate: '2026-12-10', validUntil: '2026-12-07' },
    });
    const key = first?.key ?? '';
    const afterFirst = await getNotification('ord_backoff', key);
    const secondRoundAt = new Date(Date.parse(afterFirst?.dueAt ?? '') + 1000);
    await sweepDueNotifications(secondRoundAt);
    const afterSecond = await getNotification('ord_backoff', key);

    expect(afterFirst).toMatchObject({ status: 'CLAIMED', attempts: 3 });
    expect(afterSecond).toMatchObject({ status: 'CLAIMED', attempts: 6 });
    const firstWait = Date.parse(afterFirst?.dueAt ?? '') - Date.parse(first?.createdAt ?? '');
    const secondWait = Date.parse(afterSecond?.dueAt ?? '') - secondRoundAt.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(60_000);
    expect(secondWait).toBe(2 * 60_000);
  }, 60_000);
});
