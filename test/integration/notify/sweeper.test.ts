import { describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { getNotification } from '../../../functions/adapters/dynamodb/notification-repository.ts';
import { notify, sweepDueNotifications } from '../../../functions/usecases/notify/index.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/** What the sweeper sends (here a message held for quiet hours) goes out exactly once. */
const outboxes = useNotificationOutboxes();

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
    const textsTo = () => outboxes.sms.messages.filter((message) => message.to === phone);
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
