/**
 * `npm run bench -- faults`: the product under faults, each scenario through a real local runtime's
 * HTTP API (a child process, as `npm start`), counting for each:
 * - stranded orders: not terminal, waiting for nobody (no stored wait) and not in front of a person
 *   (NEEDS_ATTENTION with the sales owner's notice sent);
 * - lost messages: a notification record not SENT, SKIPPED or HELD (quiet hours), unless it FAILED
 *   and its other channel was sent; or a SENT record whose provider message id is not in the outbox;
 * - messages sent twice: outbox entries of the scenario's orders that no record accounts for (each
 *   record holds the one provider message id it was sent as);
 * - responses >= 500, over every request the scenario made (polling included).
 *
 * Scenarios: (a) 20 racers accept 10 units; (f) every ERP event delivered 3 times, shuffled; (c) the
 * mail outbox down for 30 s while quotes go out (the runtime's SES endpoint is a proxy this process
 * opens and closes); (d) a restart with --data with orders at every waiting stage; (b) DynamoDB
 * Local's Java child killed while inquiries flow; (e) a crash (SIGKILL) right after inquiries were
 * accepted, some still in flight. The malformed-input run is test/e2e/malformed-input.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, waitFor, type ApiResult, type LocalSession } from '../../infra/local/api-client.ts';
import { freePort } from '../../infra/local/ports.ts';
import { erpEvent, mails, texts, trackingPathFromMail } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';
import type { BenchTable } from './table.ts';

const LONG = {
  QUOTE_VALIDITY_SECONDS: '3600',
  SALES_ESCALATION_SECONDS: '3600',
  STAGE_DEADLINE_SECONDS: '3600',
  OVERDUE_RECHECK_SECONDS: '3600',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};
const TERMINAL = ['DELIVERED', 'QUOTE_REJECTED', 'QUOTE_EXPIRED', 'CANCELLED'];
const STAGES = ['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'SHIPPED', 'DELIVERED'];
const SHIPPED_DATA = { carrier: 'DB Schenker', trackingNumber: 'S-1', estimatedDelivery: '2027-03-30' };

/** Counts every answer >= 500 the product gave, whoever asked. */
class CountingClient extends ApiClient {
  errors = 0;
  unanswered = 0;
  requests = 0;
  override async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T>> {
    this.requests += 1;
    try {
      const result = await super.request<T>(method, path, options);
      if (result.status >= 500) this.errors += 1;
      return result;
    } catch (error) {
      // No answer at all (the runtime crashed or is down): not a response, counted apart.
      this.unanswered += 1;
      throw error;
    }
  }
}

interface Note {
  key: string;
  kind: string;
  occurrence: string;
  recipientId: string;
  channel: string;
  status: string;
  providerMessageId?: string;
}
interface View {
  status: string;
  waitingFor: { stage: string }[];
  notifications: Note[];
}

const view = async (api: ApiClient, orderId: string) =>
  (await api.sales<View>('GET', `/v1/orders/${orderId}`)).body;

const inquiry = async (api: ApiClient, sku: string, quantity = 1, idempotencyKey = randomUUID()) => {
  const reply = await api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId: 'acme', lines: [{ sku, quantity }] },
    { 'idempotency-key': idempotencyKey },
  );
  if (reply.status !== 201 && reply.status !== 200)
    throw new Error(`inquiry answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.orderId;
};

const untilWaiting = (api: ApiClient, orderId: string, stage: string, timeoutMs = 120_000) =>
  waitFor(
    `${orderId} to wait for ${stage}`,
    async () => (await view(api, orderId)).waitingFor?.some((wait) => wait.stage === stage),
    timeoutMs,
  );

/**
 * Takes an order to its end by doing what it waits for (sales confirm, the customer accepts, the ERP
 * reports the stage), until it is terminal or in front of a person. Gives up at the deadline, which
 * the audit then counts as stranded.
 */
async function driveToEnd(api: ApiClient, session: LocalSession, orderId: string, deadline: number) {
  let lastAction = '';
  while (Date.now() < deadline) {
    const order = await view(api, orderId);
    if (TERMINAL.includes(order.status) || order.status === 'NEEDS_ATTENTION') return;
    const stage = order.waitingFor?.[0]?.stage;
    const action = `${order.status}/${stage}`;
    if (stage && action !== lastAction) {
      lastAction = action;
      if (stage === 'SALES_CONFIRMATION')
        await api.sales('POST', `/v1/orders/${orderId}/promise`, { action: 'confirm' });
      else if (stage === 'CUSTOMER_DECISION')
        await api.customer('POST', `${await trackingPathFromMail(session, orderId)}/decision`, {
          decision: 'accept',
        });
      else
        await api.erp(
          'POST',
          '/v1/erp/events',
          erpEvent(orderId, stage, stage === 'SHIPPED' ? SHIPPED_DATA : {}),
        );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Figures {
  readonly orders: number;
  readonly stranded: number;
  readonly lost: number;
  readonly twice: number;
  readonly errors: number;
  /** Requests that got no answer at all (cut off by a crash or a dead store). */
  readonly unanswered: number;
  readonly seconds: number;
  readonly detail: string;
}

/**
 * Counts stranded orders, lost and doubled messages over `orderIds`, after waiting (up to
 * `settleMs`) for claims in flight to be sent or settled: longer than the sweeper's grace for a
 * send of unknown outcome (5 min), which a dead store can leave behind.
 */
async function audit(
  api: ApiClient,
  session: LocalSession,
  orderIds: readonly string[],
  settleMs = 400_000,
): Promise<Omit<Figures, 'errors' | 'unanswered' | 'seconds' | 'detail'> & { problems: string[] }> {
  const views = new Map<string, View>();
  const unreadable = new Map<string, number>();
  const settled = async () => {
    for (const orderId of orderIds) {
      const reply = await api.sales<View>('GET', `/v1/orders/${orderId}`);
      if (reply.status === 200) {
        views.set(orderId, reply.body);
        unreadable.delete(orderId);
      } else unreadable.set(orderId, reply.status);
    }
    if (unreadable.size) return false;
    return [...views.values()].every((order) =>
      order.notifications.every((note) => note.status !== 'CLAIMED'),
    );
  };
  await waitFor('claims in flight to be sent', settled, settleMs).catch(() => undefined);
  const problems: string[] = [];
  let stranded = 0;
  let lost = 0;
  const outbox = [
    ...(await mails(session)).map((mail) => ({ id: mail.messageId, text: mail.subject })),
    ...(await texts(session)).map((sms) => ({ id: sms.messageId, text: sms.body })),
  ];
  const sentIds = new Set<string>();
  // An order the product cannot even show is in front of nobody.
  for (const [orderId, status] of unreadable) {
    stranded += 1;
    problems.push(`stranded ${orderId}: its view answers ${status}`);
  }
  for (const [orderId, order] of views) {
    const toSales = order.notifications.some(
      (note) => note.kind.startsWith('NEEDS_ATTENTION') && note.status === 'SENT',
    );
    const moving = order.waitingFor?.length > 0;
    if (!TERMINAL.includes(order.status) && !moving && !(order.status === 'NEEDS_ATTENTION' && toSales)) {
      stranded += 1;
      problems.push(`stranded ${orderId} ${order.status}`);
    }
    for (const note of order.notifications) {
      if (note.providerMessageId) sentIds.add(note.providerMessageId);
      const fellBack =
        ['FAILED', 'BOUNCED'].includes(note.status) &&
        order.notifications.some(
          (other) =>
            other.kind === note.kind &&
            other.occurrence === note.occurrence &&
            other.recipientId === note.recipientId &&
            other.channel !== note.channel &&
            other.status === 'SENT',
        );
      const missing =
        note.status === 'SENT' && !outbox.some((message) => message.id === note.providerMessageId);
      if ((!['SENT', 'SKIPPED', 'HELD'].includes(note.status) && !fellBack) || missing) {
        lost += 1;
        problems.push(`lost ${orderId} ${note.key} ${note.status}${missing ? ' (not in outbox)' : ''}`);
      }
    }
  }
  const extra = outbox.filter(
    (message) => orderIds.some((orderId) => message.text.includes(orderId)) && !sentIds.has(message.id),
  );
  for (const message of extra) problems.push(`sent twice: ${message.text.slice(0, 80)}`);
  return { orders: orderIds.length, stranded, lost, twice: extra.length, problems };
}

async function measured(
  api: CountingClient,
  body: () => Promise<{ session: LocalSession; orderIds: string[]; api?: CountingClient; note?: string }>,
): Promise<Figures> {
  const started = performance.now();
  const errorsBefore = api.errors;
  const unansweredBefore = api.unanswered;
  const outcome = await body();
  const auditor = outcome.api ?? api;
  const figures = await audit(auditor, outcome.session, outcome.orderIds);
  const errors = api.errors - errorsBefore + (auditor === api ? 0 : auditor.errors);
  const unanswered = api.unanswered - unansweredBefore + (auditor === api ? 0 : auditor.unanswered);
  return {
    ...figures,
    errors,
    unanswered,
    seconds: (performance.now() - started) / 1000,
    detail: [outcome.note, ...figures.problems.slice(0, 3)].filter(Boolean).join('; '),
  };
}

/** (a) 20 customers accept at once for 10 units that cannot be bought in. */
async function racers(runtime: RunningRuntime, api: CountingClient) {
  const sku = `RACE-${randomUUID().slice(0, 8)}`;
  await api.erp('PUT', `/v1/erp/products/${sku}`, { name: 'Last batch', kind: 'stock', unitPrice: 10 });
  await api.erp('PUT', '/v1/erp/supply', { stock: [{ sku, onHand: 10 }] });
  const orderIds: string[] = [];
  for (let index = 0; index < 20; index += 1) orderIds.push(await inquiry(api, sku));
  const paths = [];
  for (const orderId of orderIds) {
    await untilWaiting(api, orderId, 'CUSTOMER_DECISION');
    paths.push(await trackingPathFromMail(runtime.session, orderId));
  }
  await Promise.all(paths.map((track) => api.customer('POST', `${track}/decision`, { decision: 'accept' })));
  const deadline = Date.now() + 180_000;
  await waitFor(
    'every racer to be confirmed or in front of sales',
    async () => {
      const statuses = await Promise.all(orderIds.map(async (orderId) => (await view(api, orderId)).status));
      return statuses.every((status) => ['MATERIAL_PREP', 'NEEDS_ATTENTION'].includes(status));
    },
    deadline - Date.now(),
  ).catch(() => undefined);
  const confirmed = (await Promise.all(orderIds.map((orderId) => view(api, orderId)))).filter(
    (order) => order.status === 'MATERIAL_PREP',
  ).length;
  return { session: runtime.session, orderIds, note: `${confirmed} confirmed` };
}

/** A small seeded shuffle (mulberry32), so a run can be repeated. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** (f) Every ERP event of 8 accepted orders (5 stages and a delay) sent 3 times, all shuffled together. */
async function tripleEvents(runtime: RunningRuntime, api: CountingClient) {
  const orderIds: string[] = [];
  for (let index = 0; index < 8; index += 1) orderIds.push(await inquiry(api, 'VALVE-10'));
  for (const orderId of orderIds) {
    await untilWaiting(api, orderId, 'CUSTOMER_DECISION');
    await api.customer('POST', `${await trackingPathFromMail(runtime.session, orderId)}/decision`, {
      decision: 'accept',
    });
    await untilWaiting(api, orderId, 'MATERIALS_READY');
  }
  const events = orderIds.flatMap((orderId) => [
    ...STAGES.map((stage) => erpEvent(orderId, stage, stage === 'SHIPPED' ? SHIPPED_DATA : {})),
    erpEvent(orderId, 'DELAY_REPORTED', {
      stage: 'PRODUCTION_COMPLETED',
      newEstimatedDate: '2027-02-15',
      reason: 'press broke',
      category: 'capacity',
    }),
  ]);
  const refused = new Map<string, number>();
  for (const event of shuffled([...events, ...events, ...events], 20261202)) {
    const reply = await api.erp('POST', '/v1/erp/events', event);
    const why = `${reply.status} for ${event.type}`;
    if (reply.status >= 400) refused.set(why, (refused.get(why) ?? 0) + 1);
  }
  await waitFor(
    'every order to be delivered',
    async () => {
      const statuses = await Promise.all(orderIds.map(async (orderId) => (await view(api, orderId)).status));
      return statuses.every((status) => TERMINAL.includes(status) || status === 'NEEDS_ATTENTION');
    },
    120_000,
  ).catch(() => undefined);
  return {
    session: runtime.session,
    orderIds,
    note: `${events.length * 3} deliveries; refused: ${[...refused].map(([why, count]) => `${count} x ${why}`).join(', ') || 'none'}`,
  };
}

/** A TCP proxy in front of the mail outbox that can refuse every connection for a while. */
async function outboxSwitch(port: number) {
  let target: URL | undefined;
  let down = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down || !target) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    setTarget: (url: string) => (target = new URL(url)),
    setDown(value: boolean) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** (c) The mail outbox refuses every connection for 30 s while 20 quotes go out. */
async function outboxDown(
  runtime: RunningRuntime,
  api: CountingClient,
  outbox: { setDown(v: boolean): void },
) {
  outbox.setDown(true);
  const downSince = Date.now();
  const orderIds: string[] = [];
  for (let index = 0; index < 20; index += 1) orderIds.push(await inquiry(api, 'VALVE-10'));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30_000 - (Date.now() - downSince))));
  outbox.setDown(false);
  const upAt = Date.now();
  // Every quote must reach the outbox afterwards, by the sweeper's retries with backoff.
  await waitFor(
    'every quote in the mail outbox',
    async () => {
      const subjects = (await mails(runtime.session)).map((mail) => mail.subject);
      return orderIds.every((orderId) => subjects.some((subject) => subject.includes(orderId)));
    },
    240_000,
  ).catch(() => undefined);
  const note = `all quotes delivered ${((Date.now() - upAt) / 1000).toFixed(0)} s after the outbox came back`;
  return { session: runtime.session, orderIds, note };
}

/** Orders waiting at every stage: for sales, for the customer, and for each ERP stage. */
async function ordersAtEveryWait(session: LocalSession, api: ApiClient): Promise<string[]> {
  const orderIds = [await inquiry(api, 'PUMP-100'), await inquiry(api, 'VALVE-10')];
  await untilWaiting(api, orderIds[0]!, 'SALES_CONFIRMATION');
  await untilWaiting(api, orderIds[1]!, 'CUSTOMER_DECISION');
  for (const stage of STAGES) {
    const orderId = await inquiry(api, 'VALVE-10');
    await untilWaiting(api, orderId, 'CUSTOMER_DECISION');
    await api.customer('POST', `${await trackingPathFromMail(session, orderId)}/decision`, {
      decision: 'accept',
    });
    for (const done of STAGES.slice(0, STAGES.indexOf(stage))) {
      await untilWaiting(api, orderId, done);
      await api.erp(
        'POST',
        '/v1/erp/events',
        erpEvent(orderId, done, done === 'SHIPPED' ? SHIPPED_DATA : {}),
      );
    }
    await untilWaiting(api, orderId, stage);
    orderIds.push(orderId);
  }
  return orderIds;
}

const javaChild = (runtime: RunningRuntime) =>
  runtime.descendants().find((pid) => {
    try {
      return (
        execFileSync('ps', ['-o', 'comm=', '-p', String(pid)])
          .toString()
          .trim() === 'java'
      );
    } catch {
      return false;
    }
  });

/**
 * (g) test/e2e/malformed-input.test.ts, run as it is (its generator lives in the test), smaller:
 * FUZZ_REQUESTS_PER_ROUTE requests per route (10 here unless set). It fails on any answer >= 500 or
 * any refused write that changed the table, and prints its counts, which are read back here.
 */
async function malformedInputRun(): Promise<Figures> {
  const started = performance.now();
  const perRoute = process.env.FUZZ_REQUESTS_PER_ROUTE ?? '10';
  const child = spawnSync(
    path.resolve('node_modules/.bin/vitest'),
    ['run', 'test/e2e/malformed-input.test.ts'],
    { env: { ...process.env, FUZZ_REQUESTS_PER_ROUTE: perRoute }, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const line = /malformed-input run \(seed (\d+), (\d+) per route\): (\{.*\})/.exec(child.stdout ?? '');
  if (!line) throw new Error(`the malformed-input run printed no figures (exit ${child.status})`);
  const counts = JSON.parse(line[3]!) as Record<string, number>;
  return {
    orders: 0,
    stranded: 0,
    lost: 0,
    twice: 0,
    errors: counts['5xx'] ?? 0,
    unanswered: 0,
    seconds: (performance.now() - started) / 1000,
    detail:
      `seed ${line[1]}, ${counts.requests} requests (${line[2]} per route): ${counts['2xx']} 2xx, ${counts['4xx']} 4xx; ` +
      (child.status === 0 ? 'no refused write changed the table' : 'the test FAILED (see its output)'),
  };
}

export async function run(): Promise<BenchTable> {
  const rows: (string | number)[][] = [];
  /** A scenario that throws is reported as such, and the others still run. */
  const attempt = async (name: string, scenario: () => Promise<Figures>) => {
    // FAULTS_ONLY=b,e runs only those scenarios (by their letter).
    const only = process.env.FAULTS_ONLY?.split(',');
    if (only && !only.includes(name.slice(0, 1))) return;
    try {
      add(name, await scenario());
    } catch (error) {
      process.stderr.write(`${name} failed: ${(error as Error).stack}\n`);
      rows.push([
        name,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        `did not finish: ${(error as Error).message.slice(0, 120)}`,
      ]);
    }
  };
  const add = (name: string, figures: Figures) => {
    process.stderr.write(`${name}: ${JSON.stringify(figures)}\n`);
    rows.push([
      name,
      // A run with no orders of its own (g) measures no stranding or messages: shown as '-'.
      ...(figures.orders
        ? [figures.orders, figures.stranded, figures.lost, figures.twice]
        : ['-', '-', '-', '-']),
      figures.errors,
      figures.unanswered,
      `${figures.seconds.toFixed(0)} s`,
      figures.detail || '',
    ]);
  };

  // One runtime for (a), (f) and (c); its SES endpoint is the switchable proxy.
  const proxyPort = await freePort();
  const outbox = await outboxSwitch(proxyPort);
  const plain = await startRuntimeProcess({
    env: { ...LONG, SES_ENDPOINT: `http://127.0.0.1:${proxyPort}` },
  });
  outbox.setTarget(new URL(plain.session.mailOutboxUrl).origin);
  try {
    const api = new CountingClient(plain.session);
    await attempt('a. 20 racers accept 10 units', () => measured(api, () => racers(plain, api)));
    await attempt('f. every ERP event 3 times, shuffled', () =>
      measured(api, () => tripleEvents(plain, api)),
    );
    await attempt('c. mail outbox down 30 s during 20 quotes', () =>
      measured(api, () => outboxDown(plain, api, outbox)),
    );
  } finally {
    await plain.stop();
    await outbox.close();
  }

  // (d), (b), (e) on one data directory, restarted and crashed in turn.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-bench-faults-'));
  const port = await freePort();
  let runtime = await startRuntimeProcess({ dataDir, port, env: LONG });
  try {
    let api = new CountingClient(runtime.session);
    const waiting = await ordersAtEveryWait(runtime.session, api);
    await attempt('d. restart with --data, orders at every wait', () =>
      measured(api, async () => {
        await runtime.stop();
        runtime = await startRuntimeProcess({ dataDir, port, env: LONG });
        api = new CountingClient(runtime.session);
        const deadline = Date.now() + 180_000;
        for (const orderId of waiting) await driveToEnd(api, runtime.session, orderId, deadline);
        return { session: runtime.session, orderIds: waiting, api };
      }),
    );

    await attempt('e. SIGKILL right after inquiries were accepted', () =>
      measured(api, async () => {
        const keys = Array.from({ length: 20 }, () => randomUUID());
        const answered = new Map<string, string>();
        const inFlight = keys.map(async (key) => {
          try {
            answered.set(key, await inquiry(api, 'VALVE-10', 1, key));
          } catch {
            // Cut off by the crash: the client never heard, so it retries (below) with its key.
          }
        });
        await waitFor('10 inquiries accepted', async () => answered.size >= 10, 60_000);
        await runtime.kill();
        await Promise.allSettled(inFlight);
        runtime = await startRuntimeProcess({ dataDir, port, env: LONG });
        api = new CountingClient(runtime.session);
        // Stored but perhaps never started: these must move on by themselves, before any retry.
        const listed = await api.sales<{ orders: { orderId: string }[] }>(
          'GET',
          '/v1/orders?status=INQUIRY_RECEIVED&limit=100',
        );
        const leftAtInquiry = listed.body.orders.map((order) => order.orderId);
        const movedAlone = await waitFor(
          'inquiries left at INQUIRY_RECEIVED to move on by themselves',
          async () => {
            const statuses = await Promise.all(leftAtInquiry.map(async (id) => (await view(api, id)).status));
            return statuses.every((status) => status !== 'INQUIRY_RECEIVED');
          },
          150_000,
        ).catch(() => false);
        const unanswered = keys.filter((key) => !answered.has(key));
        const retried = await Promise.all(unanswered.map((key) => inquiry(api, 'VALVE-10', 1, key)));
        const orderIds = [...new Set([...answered.values(), ...leftAtInquiry, ...retried])];
        const deadline = Date.now() + 200_000;
        for (const orderId of orderIds) await driveToEnd(api, runtime.session, orderId, deadline);
        return {
          session: runtime.session,
          orderIds,
          api,
          note:
            `${answered.size} answered before the crash, ${unanswered.length} cut off and retried with their key; ` +
            `${leftAtInquiry.length} found at INQUIRY_RECEIVED after the restart` +
            (leftAtInquiry.length
              ? movedAlone
                ? ', all moved on by themselves'
                : ', NOT all moved on'
              : ''),
        };
      }),
    );
    // Last: without DynamoDB Local's supervision the runtime does not come back from this one.
    await attempt('b. DynamoDB Local killed while inquiries flow', () =>
      measured(api, async () => {
        const orderIds: string[] = [];
        let failed = 0;
        const flow = (async () => {
          for (let index = 0; index < 20; index += 1) {
            try {
              orderIds.push(await inquiry(api, 'VALVE-10'));
            } catch {
              failed += 1;
            }
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const java = javaChild(runtime);
        if (java) process.kill(java, 'SIGKILL');
        await flow;
        const healthy = await waitFor(
          'health again',
          async () => (await api.request('GET', '/v1/health').catch(() => ({ status: 0 }))).status === 200,
          120_000,
        ).catch(() => false);
        const deadline = Date.now() + 90_000;
        if (healthy)
          for (const orderId of orderIds) await driveToEnd(api, runtime.session, orderId, deadline);
        return {
          session: runtime.session,
          orderIds,
          note: `${java ? 'killed java' : 'no java child found'}; ${failed} inquiries refused; ${healthy ? 'healthy again' : 'never healthy again'}`,
        };
      }),
    );
  } finally {
    await runtime.stop();
  }

  await attempt('g. seeded malformed input over every route', async () => malformedInputRun());

  return {
    title: 'Faults (npm run bench -- faults): every scenario through a local runtime over HTTP',
    columns: ['scenario', 'orders', 'stranded', 'lost', 'sent twice', '>= 500', 'no answer', 'time', 'notes'],
    rows,
    notes: [
      `Load average at the end: ${loadavg()
        .map((load) => load.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`,
      'Stranded: not terminal, no stored wait, and not NEEDS_ATTENTION with sales told. Lost: a record not SENT/SKIPPED/HELD (FAILED counts only without a sent fallback), or SENT but absent from the outbox. Sent twice: an outbox message of these orders no record accounts for.',
      '>= 500 counts answers of 500 or more, polling included; no answer counts requests cut off with no response (a crash, a dead store).',
    ],
  };
}
