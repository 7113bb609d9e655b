import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import { SIMULATOR } from '../../infra/local/ses-outbox.ts';
import { SMS_TEST_NUMBERS } from '../../infra/local/sms-sink.ts';
import {
  erpEvent,
  mails,
  orderStatus,
  texts,
  trackingPathFromMail,
  untilStatus,
} from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess();
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

/** A customer of our own for each test, so outboxes and preferences never mix between tests. */
async function customerWith(contact: { email?: string; phone?: string; preferences?: unknown }) {
  const customerId = `cust-${randomUUID().slice(0, 8)}`;
  const put = await runtime.api.sales('PUT', `/v1/customers/${customerId}`, {
    ...DEMO_CUSTOMERS.acme,
    contacts: [{ id: 'buyer', name: 'Test Buyer', ...contact }],
  });
  expect(put.status).toBe(200);
  return customerId;
}

async function acceptedOrder(customerId: string) {
  const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId,
    lines: [{ sku: 'VALVE-10', quantity: 2 }],
  });
  await untilStatus(runtime.api, body.orderId, 'QUOTED');
  return body.orderId;
}

const notesOf = async (orderId: string) =>
  (
    await runtime.api.sales<{ notifications: { kind: string; channel: string; status: string }[] }>(
      'GET',
      `/v1/orders/${orderId}`,
    )
  ).body.notifications;

describe('proactive notifications through the local outboxes', { timeout: 120_000 }, () => {
  it('holds a non-critical SMS in quiet hours and lets a critical one through', async () => {
    const phone = `+49151${Math.floor(1e6 + Math.random() * 8e6)}`;
    // Quiet all day, so the test does not depend on the clock.
    const customerId = await customerWith({
      email: 'quiet@example.com',
      phone,
      preferences: { quietHours: { start: '00:00', end: '23:59' } },
    });
    const orderId = await acceptedOrder(customerId);
    await waitFor('the quote SMS to be held', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms' && note.status === 'HELD',
      ),
    );

    const trackingPath = await trackingPathFromMail(runtime.session, orderId);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    await runtime.api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(orderId, 'DELAY_REPORTED', {
        stage: 'MATERIALS_READY',
        newEstimatedDate: '2027-03-01',
        reason: 'Late steel',
      }),
    );
    const critical = await waitFor('the critical SMS', async () =>
      (await texts(runtime.session)).find((sms) => sms.to === phone && sms.body.includes('new delivery')),
    );
    // Dates go out in words in the recipient's language, never as ISO.
    expect(critical.body).toContain('March 2027');
    expect(
      (await texts(runtime.session)).filter((sms) => sms.to === phone && sms.body.startsWith('Quote')),
    ).toHaveLength(0);
  });

  it('stops SMS to a number that replied STOP, and tells sales', async () => {
    const phone = `+49152${Math.floor(1e6 + Math.random() * 8e6)}`;
    const customerId = await customerWith({ email: 'stop@example.com', phone });
    const reply = await fetch(runtime.session.smsOutboxUrl.replace('/store', '/simulate/inbound'), {
      method: 'POST',
      body: JSON.stringify({ from: phone, body: 'STOP' }),
    });
    expect(reply.status).toBe(200);
    await waitFor('the opt-out notice to sales', async () =>
      (await mails(runtime.session)).some(
        (mail) => mail.subject.startsWith('A contact of') && mail.body.text?.includes('sms'),
      ),
    );
    const orderId = await acceptedOrder(customerId);
    await waitFor('the quote email', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'email' && note.status === 'SENT',
      ),
    );
    // The SMS of the same notice is claimed, then settled; wait for it to be settled, whatever way.
    await waitFor('the quote SMS to be settled', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms' && note.status !== 'CLAIMED',
      ),
    );
    const sms = (await notesOf(orderId)).find(
      (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms',
    );
    expect(sms?.status).toBe('SKIPPED');
    expect((await texts(runtime.session)).filter((message) => message.to === phone)).toHaveLength(0);
  });

  it('suppresses a bounced address and falls back to SMS, telling sales', async () => {
    const phone = `+49153${Math.floor(1e6 + Math.random() * 8e6)}`;
    const customerId = await customerWith({
      email: SIMULATOR.bounce,
      phone,
      // Email only: an SMS of the quote can only come from the fallback.
      preferences: { channels: { QUOTE_READY: ['email'], ORDER_CONFIRMED: ['email'] } },
    });
    const orderId = await acceptedOrder(customerId);
    await waitFor('the bounce to be recorded', async () =>
      (await notesOf(orderId)).some((note) => note.channel === 'email' && note.status === 'BOUNCED'),
    );
    await waitFor('the fallback SMS', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms' && note.status === 'SENT',
      ),
    );
    await waitFor('the bounce notice to sales', async () =>
      (await mails(runtime.session)).some((mail) => mail.subject.includes('bounced')),
    );

    // The next email to that address is not even attempted.
    const trackingPath = await trackingPathFromMail(runtime.session, orderId);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    // Claimed first, then settled: wait until the email's record is settled, whatever way.
    await waitFor('the confirmation email to be settled', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'ORDER_CONFIRMED' && note.channel === 'email' && note.status !== 'CLAIMED',
      ),
    );
    expect(
      (await notesOf(orderId)).find((note) => note.kind === 'ORDER_CONFIRMED' && note.channel === 'email')
        ?.status,
    ).toBe('SKIPPED');
  });

  it('sends by email what the carrier reports as undelivered by SMS, once, and tells sales', async () => {
    const phone = `+49154${Math.floor(1e6 + Math.random() * 8e6)}`;
    const email = `sms-lost-${randomUUID().slice(0, 8)}@example.com`;
    const customerId = await customerWith({
      email,
      phone,
      preferences: { channels: { QUOTE_READY: ['sms'] } },
    });
    const orderId = await acceptedOrder(customerId);
    const quoteSms = await waitFor('the quote SMS', async () =>
      (await texts(runtime.session)).find((sms) => sms.to === phone && sms.body.startsWith('Quote')),
    );
    const quoteMails = async () =>
      (await mails(runtime.session)).filter(
        (mail) => mail.destination.to.includes(email) && mail.body.text?.includes(orderId),
      );
    expect(await quoteMails()).toHaveLength(0);
    // A carrier's receipt comes seconds after the send; here, wait until the send is recorded.
    await waitFor('the quote SMS to be recorded as sent', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms' && note.status === 'SENT',
      ),
    );

    // The carrier's final receipt arrives twice, as receipts may.
    for (let time = 0; time < 2; time += 1) {
      const receipt = await fetch(runtime.session.smsOutboxUrl.replace('/store', '/simulate/receipt'), {
        method: 'POST',
        body: JSON.stringify({ messageId: quoteSms.messageId, status: 'CARRIER_UNREACHABLE' }),
      });
      expect(receipt.status).toBe(200);
    }

    await waitFor('the quote by email', async () => (await quoteMails()).length > 0);
    await waitFor('the notice to sales', async () =>
      (await mails(runtime.session)).some(
        (mail) => mail.subject.includes('did not arrive') && mail.body.text?.includes(orderId),
      ),
    );
    const notes = (await notesOf(orderId)).filter((note) => note.kind === 'QUOTE_READY');
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'sms', status: 'FAILED' }),
        expect.objectContaining({ channel: 'email', status: 'SENT' }),
      ]),
    );
    expect(await quoteMails()).toHaveLength(1);
    expect(
      (await mails(runtime.session)).filter(
        (mail) => mail.subject.includes('did not arrive') && mail.body.text?.includes(orderId),
      ),
    ).toHaveLength(1);
  });

  it('sends by email what the SMS service refuses outright', async () => {
    const customerId = await customerWith({
      email: `refused-${randomUUID().slice(0, 8)}@example.com`,
      phone: SMS_TEST_NUMBERS.alwaysFails,
      preferences: { channels: { QUOTE_READY: ['sms'] } },
    });
    const orderId = await acceptedOrder(customerId);
    await waitFor('the quote by email', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'email' && note.status === 'SENT',
      ),
    );
    expect(
      (await notesOf(orderId)).find((note) => note.kind === 'QUOTE_READY' && note.channel === 'sms')?.status,
    ).toBe('FAILED');
  });

  it('keeps a delivered SMS as sent', async () => {
    const phone = `+49155${Math.floor(1e6 + Math.random() * 8e6)}`;
    const customerId = await customerWith({ email: 'arrived@example.com', phone });
    const orderId = await acceptedOrder(customerId);
    const quoteSms = await waitFor('the quote SMS', async () =>
      (await texts(runtime.session)).find((sms) => sms.to === phone && sms.body.startsWith('Quote')),
    );
    await waitFor('the quote SMS to be recorded as sent', async () =>
      (await notesOf(orderId)).some(
        (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms' && note.status === 'SENT',
      ),
    );
    await fetch(runtime.session.smsOutboxUrl.replace('/store', '/simulate/receipt'), {
      method: 'POST',
      body: JSON.stringify({ messageId: quoteSms.messageId, status: 'DELIVERED' }),
    });
    const sms = (await notesOf(orderId)).find(
      (note) => note.kind === 'QUOTE_READY' && note.channel === 'sms',
    );
    expect(sms?.status).toBe('SENT');
  });

  it('retries a failed send until it goes through, once', async () => {
    const customerId = await customerWith({ email: 'flaky@example.com', phone: SMS_TEST_NUMBERS.flaky });
    const orderId = await acceptedOrder(customerId);
    const note = await waitFor('the quote SMS', async () =>
      (await notesOf(orderId)).find(
        (candidate) =>
          candidate.kind === 'QUOTE_READY' && candidate.channel === 'sms' && candidate.status === 'SENT',
      ),
    );
    expect(note.status).toBe('SENT');
    // The sink refused the first two sends; the SDK's retry with backoff got the third one through.
    const store = (await (await fetch(runtime.session.smsOutboxUrl)).json()) as {
      rejected: { to: string }[];
    };
    expect(store.rejected.filter((attempt) => attempt.to === SMS_TEST_NUMBERS.flaky)).toHaveLength(2);
    expect(
      (await texts(runtime.session)).filter(
        (sms) => sms.to === SMS_TEST_NUMBERS.flaky && sms.body.includes(orderId),
      ),
    ).toHaveLength(1);
    expect((await orderStatus(runtime.api, orderId)).status).toBe('QUOTED');
  });

  it('unsubscribes a contact from email by the one-click POST of the link in every email, and tells sales', async () => {
    const customerId = await customerWith({ email: `unsubscribe-${randomUUID().slice(0, 6)}@example.com` });
    const orderId = await acceptedOrder(customerId);
    const quote = await waitFor('the quote email', async () =>
      (await mails(runtime.session)).find((mail) => mail.subject.includes(orderId)),
    );
    const link = /Unsubscribe: (\S+)/.exec(quote.body.text ?? '')?.[1];
    expect(link).toContain('/unsubscribe?contact=buyer');
    // Opening the link shows a page and changes nothing; the RFC 8058 POST unsubscribes.
    expect((await fetch(link!)).status).toBe(200);
    const one = await fetch(link!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(one.status).toBe(200);
    await waitFor('the opt-out notice to sales', async () =>
      (await mails(runtime.session)).some(
        (mail) => mail.subject.startsWith('A contact of') && mail.body.text?.includes('email'),
      ),
    );
    const trackingPath = new URL(link!).pathname.replace(/\/unsubscribe$/, '');
    expect(trackingPath).toMatch(/^\/v1\/track\/[A-Za-z0-9_-]+$/);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    expect(
      (await mails(runtime.session)).filter((mail) => mail.subject.startsWith(`Order ${orderId} confirmed`)),
    ).toHaveLength(0);
  });
});
