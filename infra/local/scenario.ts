import { randomUUID } from 'node:crypto';
import { ApiClient, waitFor, type ApiResult, type LocalSession } from './api-client.ts';

export interface OutboxMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}
export interface OutboxSms {
  messageId: string;
  to: string;
  body: string;
  segments: number;
}

export async function mails(session: LocalSession): Promise<OutboxMail[]> {
  return ((await (await fetch(session.mailOutboxUrl)).json()) as { emails: OutboxMail[] }).emails;
}
export async function texts(session: LocalSession): Promise<OutboxSms[]> {
  return ((await (await fetch(session.smsOutboxUrl)).json()) as { messages: OutboxSms[] }).messages;
}

type Order = {
  status: string;
  atRisk: boolean;
  timeline: { kind: string; summary: string; at: string }[];
  notifications: { kind: string; channel: string; status: string }[];
  promisedDate?: string;
  needsAttention?: { error: string; cause: string };
};

export async function orderStatus(api: ApiClient, orderId: string): Promise<Order> {
  const { body } = await api.sales<Order>('GET', `/v1/orders/${orderId}`);
  return body;
}

/**
 * Waits for the order to reach `status`. An order that needs attention does not move on by itself,
 * so waiting for anything else stops there at once, with the cause; a timeout names the last status.
 */
export async function untilStatus(api: ApiClient, orderId: string, status: string, timeoutMs = 120_000) {
  let last = 'unknown';
  try {
    return await waitFor(
      `order ${orderId} to be ${status}`,
      async () => {
        const order = await orderStatus(api, orderId);
        last = order.status;
        if (order.status === 'NEEDS_ATTENTION' && status !== 'NEEDS_ATTENTION')
          throw new Error(
            `Order ${orderId} needs attention instead of becoming ${status}: ${order.needsAttention?.cause ?? 'no cause given'}`,
          );
        return order.status === status && order;
      },
      timeoutMs,
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Timed out'))
      throw new Error(`${error.message}; it is still ${last}`, { cause: error });
    throw error;
  }
}

/** The tracking path of an order, read from the quote email the customer received (tokens are only ever in links). */
export async function trackingPathFromMail(session: LocalSession, orderId: string): Promise<string> {
  return waitFor(`the quote email of ${orderId}`, async () => {
    const mail = (await mails(session)).find(
      (candidate) => candidate.subject.includes(orderId) && /\/v1\/track\//.test(candidate.body.text ?? ''),
    );
    const match = mail && /\/v1\/track\/([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '');
    return match ? `/v1/track/${match[1]}` : undefined;
  });
}

export function erpEvent(orderId: string, type: string, data: Record<string, unknown> = {}) {
  return { eventId: `evt-${randomUUID()}`, orderId, type, occurredAt: new Date().toISOString(), data };
}

const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface ScenarioReport {
  orderId: string;
  trackingPath: string;
  steps: { step: string; status: number; body: unknown }[];
  duplicateReplies: ApiResult[];
}

/**
 * One order from inquiry to delivery through the HTTP API, as its three audiences use it: sales
 * enter the inquiry and confirm the promise, the customer accepts through the tracking link, the
 * ERP reports every stage (one event before its stage, every event sent twice, one delay).
 */
export async function runOrderScenario(
  session: LocalSession,
  log: (line: string) => void = () => undefined,
  sendEachEvent = 2,
): Promise<ScenarioReport> {
  const api = new ApiClient(session);
  const steps: ScenarioReport['steps'] = [];
  const duplicateReplies: ApiResult[] = [];
  const record = <T>(step: string, result: ApiResult<T>): ApiResult<T> => {
    steps.push({ step, status: result.status, body: result.body });
    log(`${String(result.status).padEnd(4)} ${step}`);
    if (result.status >= 300)
      throw new Error(`${step} failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result;
  };
  const send = async (step: string, event: ReturnType<typeof erpEvent>) => {
    record(step, await api.erp('POST', '/v1/erp/events', event));
    for (let copy = 1; copy < sendEachEvent; copy += 1)
      duplicateReplies.push(await api.erp('POST', '/v1/erp/events', event));
  };

  const inquiry = record(
    'sales enter an inquiry: 5 pumps (made to order) and 20 valves',
    await api.sales<{ orderId: string }>(
      'POST',
      '/v1/inquiries',
      {
        customerId: 'acme',
        lines: [
          { sku: 'PUMP-100', quantity: 5 },
          { sku: 'VALVE-10', quantity: 20 },
        ],
        note: 'Replacement pumps for line 3',
      },
      { 'idempotency-key': randomUUID() },
    ),
  );
  const orderId = inquiry.body.orderId;
  await untilStatus(api, orderId, 'AWAITING_SALES_CONFIRMATION');
  record(
    'sales confirm the computed promise (CTP needed a person)',
    await api.sales('POST', `/v1/orders/${orderId}/promise`, { action: 'confirm' }),
  );
  await untilStatus(api, orderId, 'QUOTED');
  const trackingPath = await trackingPathFromMail(session, orderId);
  record(
    'the customer opens the tracking link from the quote email',
    await api.customer('GET', trackingPath),
  );
  record(
    'the customer accepts the quote',
    await api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' }),
  );
  await untilStatus(api, orderId, 'MATERIAL_PREP');

  await send(
    'ERP: production started (before materials ready: kept until its stage)',
    erpEvent(orderId, 'PRODUCTION_STARTED'),
  );
  await send('ERP: materials ready', erpEvent(orderId, 'MATERIALS_READY'));
  await untilStatus(api, orderId, 'IN_PRODUCTION');
  const promised = (await orderStatus(api, orderId)).promisedDate ?? plusDays(10);
  const delayed = new Date(Date.parse(promised) + 5 * 86_400_000).toISOString().slice(0, 10);
  await send(
    'ERP: delay reported at production (new estimate after the promise)',
    erpEvent(orderId, 'DELAY_REPORTED', {
      stage: 'PRODUCTION_COMPLETED',
      newEstimatedDate: delayed,
      reason: 'Spindle repair on the machining center',
      customerNote: 'A machine needs a repair; your order moves to the next free slot',
    }),
  );
  await send('ERP: production completed', erpEvent(orderId, 'PRODUCTION_COMPLETED'));
  await waitFor('production completed', async () =>
    (await orderStatus(api, orderId)).timeline.some((entry) =>
      entry.kind.startsWith('ERP_PRODUCTION_COMPLETED'),
    ),
  );
  await send(
    'ERP: shipped',
    erpEvent(orderId, 'SHIPPED', {
      carrier: 'DHL Freight',
      trackingNumber: 'DHL-4711',
      estimatedDelivery: plusDays(3),
    }),
  );
  await untilStatus(api, orderId, 'SHIPPED');
  await send('ERP: delivered', erpEvent(orderId, 'DELIVERED'));
  await untilStatus(api, orderId, 'DELIVERED');
  // The delivery notices are claimed before they are sent: wait until every message is settled.
  await waitFor('the delivery notice', async () => {
    const { notifications } = await orderStatus(api, orderId);
    return (
      notifications.some((note) => note.kind === 'DELIVERED') &&
      notifications.every((note) => note.status !== 'CLAIMED')
    );
  });
  return { orderId, trackingPath, steps, duplicateReplies };
}
