import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, waitFor, type LocalSession } from '../../infra/local/api-client.ts';
import { freePort } from '../../infra/local/ports.ts';
import {
  erpEvent,
  mails,
  orderStatus,
  texts,
  trackingPathFromMail,
  untilStatus,
} from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/**
 * `npm start -- --data DIR`, stopped with Ctrl-C and killed outright, then started again: every
 * open order continues where it was, a timer that ran out while the runtime was down fires, and no
 * message is lost or sent twice. Waits are long (10 min) unless a test says otherwise, so nothing
 * times out by accident.
 */
const LONG = {
  QUOTE_VALIDITY_SECONDS: '600',
  SALES_ESCALATION_SECONDS: '600',
  STAGE_DEADLINE_SECONDS: '600',
  OVERDUE_RECHECK_SECONDS: '600',
  // A claim a kill left unsent is taken over after a minute (5 in production), within the waits here.
  SEND_OUTCOME_GRACE_SECONDS: '60',
};
const STAGES = ['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'SHIPPED', 'DELIVERED'];
const SHIPPED_DATA = { carrier: 'DB Schenker', trackingNumber: 'S-1', estimatedDelivery: '2026-12-30' };

const dataDir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-data-'));
let port: number;
let runtime: RunningRuntime | undefined;
const start = async (env: Record<string, string> = {}) => {
  port ??= await freePort();
  runtime = await startRuntimeProcess({ dataDir, port, env: { ...LONG, ...env } });
  return runtime;
};
afterAll(async () => {
  await runtime?.stop();
});

type View = { status: string; waitingFor: { stage: string }[] };
const waitingFor = (api: ApiClient, orderId: string, stage: string) =>
  waitFor(`order ${orderId} to wait for ${stage}`, async () => {
    const { body } = await api.sales<View>('GET', `/v1/orders/${orderId}`);
    return body.waitingFor?.some((wait) => wait.stage === stage) && body;
  });

async function inquiry(api: ApiClient, sku: string, quantity: number): Promise<string> {
  const reply = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId: 'acme',
    lines: [{ sku, quantity }],
  });
  expect(reply.status).toBe(201);
  return reply.body.orderId;
}

const sendStage = async (api: ApiClient, orderId: string, stage: string) => {
  const reply = await api.erp(
    'POST',
    '/v1/erp/events',
    erpEvent(orderId, stage, stage === 'SHIPPED' ? SHIPPED_DATA : {}),
  );
  expect(reply.status).toBe(200);
};

/** An accepted order waiting for the ERP's `stage`. */
async function orderWaitingForStage(session: LocalSession, api: ApiClient, stage: string) {
  const orderId = await inquiry(api, 'VALVE-10', 2);
  await untilStatus(api, orderId, 'QUOTED');
  const decision = await api.customer('POST', `${await trackingPathFromMail(session, orderId)}/decision`, {
    decision: 'accept',
  });
  expect(decision.status).toBe(200);
  for (const done of STAGES.slice(0, STAGES.indexOf(stage))) {
    await waitingFor(api, orderId, done);
    await sendStage(api, orderId, done);
  }
  await waitingFor(api, orderId, stage);
  return orderId;
}

/** The sweeper takes over a claim left unsent after this long (functions/usecases/notify). */
const SWEEPER_TAKEOVER_MS = 60_000;

/**
 * Every message an order's record counts as sent is in the outboxes, none is unsent, and none is
 * there twice, with one exception the product accepts (at-least-once, as with SES and SMS in AWS):
 * a crash between the provider's answer and the record leaves a claim that the sweeper sends again
 * a minute later. Such a record shows it: sent a minute or more after it was claimed.
 */
async function expectEachMessageOnce(session: LocalSession, api: ApiClient, orderId: string) {
  const order = await waitFor(`the messages of ${orderId} to settle`, async () => {
    const view = await orderStatus(api, orderId);
    return view.notifications.every((note) => note.status !== 'CLAIMED') && view;
  });
  const notes = order.notifications as unknown as {
    channel: string;
    status: string;
    createdAt: string;
    sentAt?: string;
  }[];
  expect(notes.filter((note) => note.status !== 'SENT')).toEqual([]);
  const sent = (channel: string) => notes.filter((note) => note.channel === channel);
  const takenOver = (channel: string) =>
    sent(channel).filter(
      (note) => Date.parse(note.sentAt ?? '') - Date.parse(note.createdAt) >= SWEEPER_TAKEOVER_MS,
    ).length;
  const inOutbox = {
    email: (await mails(session)).filter((mail) => mail.subject.includes(orderId)),
    sms: (await texts(session)).filter((sms) => sms.body.includes(orderId)),
  };
  for (const channel of ['email', 'sms'] as const) {
    const found = inOutbox[channel].length;
    const context = JSON.stringify({ orderId, channel, outbox: inOutbox[channel], notes }, null, 1);
    expect(found, context).toBeGreaterThanOrEqual(sent(channel).length);
    expect(found, context).toBeLessThanOrEqual(sent(channel).length + takenOver(channel));
  }
}

describe('the local runtime across a restart with --data', { timeout: 400_000 }, () => {
  it('continues every open order, fires a timer that ran out while down, and sends each message once', async () => {
    // 1. Orders at every waiting stage, then Ctrl-C.
    const first = await start();
    const salesWaiting = await inquiry(first.api, 'PUMP-100', 1);
    await waitingFor(first.api, salesWaiting, 'SALES_CONFIRMATION');
    const customerWaiting = await inquiry(first.api, 'VALVE-10', 3);
    await waitingFor(first.api, customerWaiting, 'CUSTOMER_DECISION');
    const stageWaiting: Record<string, string> = {};
    for (const stage of STAGES)
      stageWaiting[stage] = await orderWaitingForStage(first.session, first.api, stage);
    const firstToken = first.session.salesToken;
    const mailsBefore = (await mails(first.session)).length;
    expect(await first.stop()).toBe(0);

    // 2. Started again: the data is kept, not seeded over; the old token and the old mail stay valid.
    //    A quote valid for 2 s is sent, then inquiries are accepted and the runtime is killed at once.
    const second = await start({ QUOTE_VALIDITY_SECONDS: '2' });
    expect(second.output()).toContain('kept the stored data');
    const oldTokenApi = new ApiClient({ ...second.session, salesToken: firstToken });
    expect((await oldTokenApi.sales('GET', `/v1/orders/${salesWaiting}`)).status).toBe(200);
    expect((await mails(second.session)).length).toBeGreaterThanOrEqual(mailsBefore);
    const expiring = await inquiry(second.api, 'VALVE-10', 1);
    await untilStatus(second.api, expiring, 'QUOTED');
    const crashed = await Promise.all([1, 2, 3].map(() => inquiry(second.api, 'VALVE-10', 1)));
    await second.kill();
    // The quote's 2 s run out while the runtime is down.
    await new Promise((resolve) => setTimeout(resolve, 2500));

    // 3. Started again: everything goes on to its end.
    const third = await start();
    const { api, session } = third;
    expect(third.output()).toMatch(/resuming \d+ running workflow execution/);
    await untilStatus(api, expiring, 'QUOTE_EXPIRED', 20_000);
    // Their executions started under the 2 s validity, so a quote may expire before it is looked at:
    // what counts is that each was quoted.
    for (const orderId of crashed)
      await waitFor(
        `order ${orderId} to be quoted`,
        async () =>
          (await orderStatus(api, orderId)).timeline.some((entry) => entry.kind.startsWith('STATUS_QUOTED')),
        120_000,
      );

    expect(
      (await api.sales('POST', `/v1/orders/${salesWaiting}/promise`, { action: 'confirm' })).status,
    ).toBe(200);
    await untilStatus(api, salesWaiting, 'QUOTED');
    const open = [salesWaiting, customerWaiting];
    for (const orderId of open) {
      const decided = await api.customer('POST', `${await trackingPathFromMail(session, orderId)}/decision`, {
        decision: 'accept',
      });
      expect(decided.status).toBe(200);
    }
    const remaining = new Map<string, string[]>([
      ...open.map((orderId) => [orderId, STAGES] as [string, string[]]),
      ...Object.entries(stageWaiting).map(
        ([stage, orderId]) => [orderId, STAGES.slice(STAGES.indexOf(stage))] as [string, string[]],
      ),
    ]);
    for (const [orderId, stages] of remaining) {
      for (const stage of stages) {
        await waitingFor(api, orderId, stage);
        await sendStage(api, orderId, stage);
      }
    }
    for (const orderId of remaining.keys()) await untilStatus(api, orderId, 'DELIVERED');

    for (const orderId of [...remaining.keys(), expiring, ...crashed])
      await expectEachMessageOnce(session, api, orderId);
    const expired = (await mails(session)).filter((mail) => mail.subject.includes(`${expiring} has expired`));
    expect(expired).toHaveLength(1);
  });
});
