import { describe, expect, it } from 'vitest';
import { MemoryNotificationStore } from '../../../functions/adapters/memory/notification-store.ts';
import { messageTag } from '../../../functions/domain/notify/message-tag.ts';
import { SendFailure } from '../../../functions/domain/notify/record.ts';
import { createFeedback } from '../../../functions/usecases/notify/feedback.ts';
import { createNotifier } from '../../../functions/usecases/notify/notifier.ts';
import type { NotifyDeps, OutgoingEmail } from '../../../functions/usecases/notify/ports.ts';
import type { Customer } from '../../../functions/shared/schemas/customer.ts';

/**
 * The notification use case on in-memory ports and a set clock: what it claims, sends, holds,
 * retries and falls back, with the providers as outboxes that can be told to fail.
 */
const customer: Customer = {
  customerId: 'cust-1',
  name: 'ACME Industrial GmbH',
  tier: 'B',
  region: 'EU',
  locale: 'en',
  timeZone: 'UTC',
  acceptsSplitDelivery: false,
  contacts: [{ id: 'buyer', name: 'Ada Buyer', email: 'ada@acme.example', phone: '+4915112345678' }],
  salesOwner: { name: 'Sam Sales', email: 'sam@plant.example' },
  updatedAt: '2026-12-01T00:00:00.000Z',
};

function world(options: { emailFails?: (attempt: number) => SendFailure | undefined } = {}) {
  let clock = new Date('2026-12-02T10:00:00.000Z');
  const store = new MemoryNotificationStore();
  const emails: OutgoingEmail[] = [];
  const texts: { to: string; body: string; tag: string }[] = [];
  const suppressed = new Set<string>();
  const customers = new Map([[customer.customerId, customer]]);
  let emailAttempts = 0;
  const deps: NotifyDeps = {
    now: () => new Date(clock),
    sleep: async () => undefined,
    settings: () => ({
      salesManagerEmail: '',
      operationsEmail: '',
      currency: 'EUR',
      sendOutcomeGraceMs: 300_000,
    }),
    store,
    customers: {
      get: async (id) => customers.get(id),
      isSuppressed: async (address) => suppressed.has(address),
      suppress: async (address) => void suppressed.add(address),
      customerIdForPhone: async (phone) =>
        [...customers.values()].find((c) => c.contacts.some((contact) => contact.phone === phone))
          ?.customerId,
    },
    orders: { get: async () => undefined },
    products: { get: async () => new Map() },
    email: {
      send: async (message) => {
        emailAttempts += 1;
        const failure = options.emailFails?.(emailAttempts);
        if (failure) throw failure;
        emails.push(message);
        return `email-${emails.length}`;
      },
    },
    sms: {
      send: async (to, body, tag) => {
        texts.push({ to, body, tag });
        return `sms-${texts.length}`;
      },
    },
    links: {
      tracking: async (orderId) => `https://track.example/v1/track/t-${orderId}`,
      contactSignature: async (_orderId, contactId) => `sig-${contactId}`,
    },
  };
  const notifier = createNotifier(deps);
  const feedback = createFeedback(deps, notifier);
  return {
    deps,
    store,
    emails,
    texts,
    suppressed,
    notifier,
    feedback,
    advance: (milliseconds: number) => (clock = new Date(clock.getTime() + milliseconds)),
  };
}

const quoteReady = {
  orderId: 'ord-1',
  customerId: 'cust-1',
  kind: 'QUOTE_READY',
  occurrence: 'v1',
  facts: { promisedDate: '2026-12-10', validUntil: '2026-12-07' },
};

describe('notify on in-memory ports', () => {
  it('sends each message once however often the same event is told', async () => {
    const { notifier, emails, texts, store } = world();
    await notifier.notify(quoteReady);
    await notifier.notify(quoteReady);
    expect(emails.map((email) => email.to)).toEqual(['ada@acme.example']);
    expect(texts.map((text) => text.to)).toEqual(['+4915112345678']);
    expect(emails[0]?.subject).toMatch(/quote/i);
    expect(emails[0]?.text).toContain('https://track.example/v1/track/t-ord-1');
    expect(emails[0]?.headers?.['List-Unsubscribe']).toContain('contact=buyer&sig=sig-buyer');
    expect(store.all().map((record) => record.status)).toEqual(['SENT', 'SENT']);
  });

  it('leaves a transient failure for the sweeper, which sends it once the wait has passed', async () => {
    const { notifier, emails, store, advance } = world({
      emailFails: (attempt) => (attempt <= 3 ? new SendFailure('throttled', false) : undefined),
    });
    await notifier.notify(quoteReady);
    const email = store.all().find((record) => record.channel === 'email');
    expect(email).toMatchObject({ status: 'CLAIMED', attempts: 3, detail: 'throttled' });
    expect(await notifier.sweepDueNotifications()).toBe(0);
    // Due a minute later, but it was handed to the provider: its send event gets the grace first.
    advance(61_000);
    expect(await notifier.sweepDueNotifications()).toBe(0);
    advance(300_000);
    expect(await notifier.sweepDueNotifications()).toBe(1);
    expect(await notifier.sweepDueNotifications()).toBe(0);
    expect(emails).toHaveLength(1);
  });

  it('moves a refused email to SMS once and tells sales why', async () => {
    const { notifier, emails, texts } = world({
      emailFails: (attempt) => (attempt === 1 ? new SendFailure('MessageRejected', true) : undefined),
    });
    await notifier.notify({ ...quoteReady, kind: 'SHIPPED', occurrence: 'shipped', facts: {} });
    // The buyer gets SHIPPED by SMS too: the fallback's key is that text's, so it is not sent twice.
    expect(texts.filter((text) => text.to === '+4915112345678')).toHaveLength(1);
    expect(emails.map((email) => email.to)).toEqual(['sam@plant.example']);
    expect(emails[0]?.subject).toMatch(/did not arrive: email refused by the provider/);
  });

  it("records a send from the provider's event, so the sweeper never sends it again", async () => {
    const { notifier, store, texts, advance, deps } = world();
    // A claim whose sender died after handing it to the provider: CLAIMED with sendingAt.
    const record = {
      orderId: 'ord-2',
      customerId: 'cust-1',
      key: 'QUOTE_READY#v1#buyer#sms',
      kind: 'QUOTE_READY',
      occurrence: 'v1',
      recipientId: 'buyer',
      channel: 'sms' as const,
      critical: true,
      facts: quoteReady.facts,
      status: 'CLAIMED' as const,
      attempts: 0,
      createdAt: deps.now().toISOString(),
      dueAt: deps.now().toISOString(),
      sendingAt: deps.now().toISOString(),
    };
    await store.claim(record);
    advance(120_000);
    expect(await notifier.sweepDueNotifications()).toBe(0);
    expect(
      await notifier.recordProviderSend(messageTag(record), 'provider-9', deps.now().toISOString()),
    ).toBe(true);
    expect(
      await notifier.recordProviderSend(messageTag(record), 'provider-9', deps.now().toISOString()),
    ).toBe(false);
    advance(3_600_000);
    expect(await notifier.sweepDueNotifications()).toBe(0);
    expect(texts).toHaveLength(0);
    expect(await store.getNotification('ord-2', record.key)).toMatchObject({
      status: 'SENT',
      providerMessageId: 'provider-9',
    });
  });

  it('holds a text in quiet hours and sends it when they end', async () => {
    const quiet = { ...customer.contacts[0]!, preferences: { quietHours: { start: '09:00', end: '12:00' } } };
    const { notifier, texts, deps, advance } = world();
    const customers = deps.customers;
    const quietCustomer = { ...customer, contacts: [quiet] };
    (deps as { customers: NotifyDeps['customers'] }).customers = {
      ...customers,
      get: async () => quietCustomer,
    };
    const held = createNotifier(deps);
    await held.notify({ ...quoteReady, kind: 'SHIPPED', occurrence: 's', facts: {}, critical: false });
    expect(texts).toHaveLength(0);
    advance(3 * 3_600_000);
    expect(await held.sweepDueNotifications()).toBe(1);
    expect(await notifier.sweepDueNotifications()).toBe(0);
    expect(texts).toHaveLength(1);
  });
});

describe('provider feedback on in-memory ports', () => {
  it('suppresses a bounced address and falls back once, however often the bounce is reported', async () => {
    const { notifier, feedback, texts, suppressed, store } = world();
    await notifier.notify({ ...quoteReady, kind: 'SHIPPED', occurrence: 'shipped', facts: {} });
    const email = store.all().find((record) => record.channel === 'email');
    const bounce = {
      type: 'Bounce' as const,
      permanent: true,
      messageId: email?.providerMessageId ?? '',
      addresses: ['ada@acme.example'],
    };
    const textsBefore = texts.length;
    await feedback.emailFeedback(bounce);
    await feedback.emailFeedback(bounce);
    expect(suppressed.has('ada@acme.example')).toBe(true);
    expect(await store.getNotification('ord-1', email?.key ?? '')).toMatchObject({ status: 'BOUNCED' });
    // The SMS of the same message was claimed before: the fallback finds it and sends nothing twice.
    expect(texts.length).toBe(textsBefore);
    expect(store.all().filter((record) => record.kind === 'ADDRESS_BOUNCED')).toHaveLength(1);
  });

  it('ignores a transient bounce', async () => {
    const { feedback, suppressed } = world();
    await feedback.emailFeedback({
      type: 'Bounce',
      permanent: false,
      messageId: 'x',
      addresses: ['a@b.example'],
    });
    expect(suppressed.size).toBe(0);
  });

  it('a STOP reply suppresses the number and tells sales once', async () => {
    const { feedback, suppressed, emails } = world();
    const reply = { from: '+4915112345678', body: 'stop please', replyId: 'in-1' };
    expect(await feedback.smsReply(reply)).toBe(true);
    expect(await feedback.smsReply(reply)).toBe(true);
    expect(await feedback.smsReply({ ...reply, body: 'thanks' })).toBe(false);
    expect(suppressed.has('+4915112345678')).toBe(true);
    expect(emails.map((email) => email.to)).toEqual(['sam@plant.example']);
  });
});
