/**
 * A seeded malformed-input run over every route of the route table, through the running local
 * runtime's HTTP API (the same handlers, API server and DynamoDB Local as `npm start`): garbage and
 * half-valid bodies, path parameters, query strings and headers. No answer may be 500 or more, and
 * a refused write must leave the table as it was.
 *
 * FUZZ_REQUESTS_PER_ROUTE (default 25) and FUZZ_SEED change the run; the test prints its figures.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../functions/adapters/dynamodb/client.ts';
import { ROUTES, type RouteDefinition } from '../../functions/handlers/api/routes.ts';
import { erpRequestLine, erpSignature } from '../../infra/local/api-client.ts';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.ts';
import { trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS } from '../../infra/local/seed.ts';
import { ApiClient } from '../../infra/local/api-client.ts';

const PER_ROUTE = Number(process.env.FUZZ_REQUESTS_PER_ROUTE ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

let runtime: LocalRuntime;
let api: ApiClient;
let fixture: { orderId: string; token: string };
const environment = { ...process.env };

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0 });
  api = new ApiClient(runtime);
  const { body } = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId: 'acme',
    lines: [{ sku: 'VALVE-10', quantity: 1 }],
  });
  await untilStatus(api, body.orderId, 'QUOTED');
  const token = (await trackingPathFromMail(runtime, body.orderId)).split('/').pop() ?? '';
  fixture = { orderId: body.orderId, token };
  // The fixture's workflow writes on after the quote email (its wait, the SMS record): a write
  // landing during a refused request would be taken for that request's. Start once it is still.
  let previous = await tableState(new Set());
  for (let attempt = 0; attempt < 60; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const current = await tableState(new Set());
    const same =
      current.size === previous.size && [...current].every(([key, value]) => previous.get(key) === value);
    if (same) break;
    previous = current;
  }
}, 200_000);

afterAll(async () => {
  await runtime?.stop();
  // The runtime set the handlers' settings in this process; later test files must not see them.
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
});

/** A valid body per operation: the fuzzer breaks one part of it at a time. */
const VALID: Record<string, () => unknown> = {
  createInquiry: () => ({ customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 1 }] }),
  checkPromise: () => ({ region: 'EU', lines: [{ sku: 'PUMP-100', quantity: 3 }] }),
  decidePromise: () => ({ action: 'adjust', date: '2027-01-15', reason: 'customer asked' }),
  cancelOrder: () => ({ reason: 'customer asked' }),
  putCustomer: () => structuredClone(DEMO_CUSTOMERS.acme),
  patchCustomer: () => ({ tier: 'B', contacts: { buyer: { name: 'Ada Buyer' } } }),
  postErpEvent: () => ({
    eventId: 'evt-fuzz',
    orderId: fixture.orderId,
    type: 'DELAY_REPORTED',
    occurredAt: '2026-12-01T10:00:00Z',
    data: { stage: 'PRODUCTION_COMPLETED', newEstimatedDate: '2027-01-20', reason: 'press broke' },
  }),
  putProduct: () => structuredClone(DEMO_PRODUCTS['PUMP-100']),
  putSupply: () => ({
    stock: [{ sku: 'MOTOR-5', onHand: 40 }],
    receipts: [{ sku: 'HOUSING-7', quantity: 300, date: '2027-01-10', ref: 'PO-1002' }],
    workCenters: [{ id: 'ASSEMBLY', hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 }, exceptions: {} }],
    transit: [{ region: 'EU', days: 2 }],
    plant: {
      timeZone: 'Europe/Berlin',
      dailyCutoff: '16:00',
      horizonDays: 365,
      plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25'] },
      shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
      supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
    },
  }),
  decideQuote: () => ({ decision: 'accept' }),
  putPreferences: () => ({
    contactId: 'buyer',
    preferences: { quietHours: { start: '22:00', end: '07:00' } },
  }),
};

/** Values that broke something once, or are at an edge of what a field can hold. */
const NASTY: unknown[] = [
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  1e-300,
  -1,
  0,
  0.1,
  1.5,
  '',
  ' ',
  'x'.repeat(3000),
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  'Mars/Olympus',
  '%E0%A4%A',
  '\u0000',
  '💥'.repeat(40),
  '<script>',
  null,
  true,
  {},
  [],
  [null],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

const nasty = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** Every path to a value inside a JSON value, e.g. ['lines', 0, 'quantity']. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return [prefix];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

const mutated = (operationId: string) => {
  const valid = VALID[operationId]?.() ?? {};
  const paths = pathsOf(valid);
  return fc.tuple(fc.constantFrom(...paths), nasty, fc.boolean()).map(([path, value, drop]) => {
    // Dropping a part: JSON.stringify leaves out an undefined property (and writes null in a list).
    return JSON.stringify(replaceAt(valid, path, drop ? undefined : value));
  });
};

/** A raw body: mostly a valid body with one part broken or dropped, else any JSON, text or nothing. */
const body = (operationId: string) =>
  fc.oneof(
    { weight: 6, arbitrary: mutated(operationId) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(VALID[operationId]?.() ?? {})) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"a":1}{', '\uFEFF{}') },
  );

/** A path parameter as it appears in the URL: the real one, or anything, encoded or raw. */
const pathValue = (name: string) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constant(
        name === 'token'
          ? fixture.token
          : name === 'sku'
            ? 'PUMP-100'
            : name === 'id'
              ? fixture.orderId
              : 'x',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }).map(encodeURIComponent),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%E0%A4%A', '%', '%%', '%00', '..', '%2e%2e', 'a%2Fb', 'x'.repeat(3000)),
    },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((text) => encodeURIComponent(text)),
    },
  );

const cursor = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  fc
    .dictionary(
      fc.constantFrom('PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK'),
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.constantFrom('ORDERS', 'ATRISK', 'STATUS#QUOTED'),
      ),
      { minKeys: 2, maxKeys: 5 },
    )
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .record(
      {
        status: fc.oneof(fc.constantFrom('QUOTED', 'DELIVERED'), fc.string({ maxLength: 20 })),
        customerId: fc.oneof(fc.constant('acme'), fc.string({ maxLength: 80 })),
        atRisk: fc.constantFrom('true', 'false', 'yes'),
        limit: fc.oneof(fc.integer().map(String), fc.constantFrom('1e308', 'NaN', '-0', '0x10', '')),
        cursor,
        contact: fc.oneof(fc.constant('buyer'), fc.string({ maxLength: 60 })),
      },
      { requiredKeys: [] },
    )
    .map((params) => new URLSearchParams(params as Record<string, string>).toString()),
  fc.string({ unit: 'binary', maxLength: 60 }).map(encodeURIComponent),
  fc.constantFrom('cursor=%E0%A4%A', 'limit=1&limit=2', 'a[b]=c', '%'),
);

type Auth = 'valid' | 'none' | 'garbage';
const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Auth>('valid') },
  fc.constantFrom<Auth>('none', 'garbage'),
);
const extraHeaders = fc.record(
  {
    'idempotency-key': fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 300 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
    ),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  },
  { requiredKeys: [] },
);

interface FuzzRequest {
  readonly route: RouteDefinition;
  readonly path: string;
  readonly rawBody?: string;
  readonly auth: Auth;
  readonly headers: Record<string, string>;
}

function requestsFor(route: RouteDefinition, runs: number, seed: number): FuzzRequest[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const arbitrary = fc.record({
    params: fc.tuple(...names.map(pathValue)),
    query,
    body: route.method === 'GET' ? fc.constant(undefined) : body(route.operationId),
    auth,
    headers: extraHeaders,
  });
  return fc.sample(arbitrary, { seed, numRuns: runs }).map((sample) => {
    let path = route.path;
    names.forEach((name, index) => (path = path.replace(`{${name}}`, String(sample.params[index]))));
    return {
      route,
      path: sample.query ? `${path}?${sample.query}` : path,
      ...(sample.body === undefined ? {} : { rawBody: sample.body }),
      auth: sample.auth,
      headers: sample.headers as Record<string, string>,
    };
  });
}

function credentials(request: FuzzRequest): Record<string, string> {
  if (request.auth === 'none') return {};
  const audience = request.route.audience;
  const erp = audience === 'erp' || (audience === 'salesOrErp' && request.path.length % 2 === 0);
  if (request.auth === 'garbage')
    return erp ? { 'x-signature': 't=1,v1=zz' } : { authorization: 'Bearer not.a.token' };
  if (erp) {
    // A GET signs its request line, anything else its body.
    const signed =
      request.route.method === 'GET'
        ? erpRequestLine('GET', new URL(request.path, runtime.apiUrl))
        : (request.rawBody ?? '');
    return { 'x-signature': erpSignature(runtime.erpSecret, signed) };
  }
  if (audience === 'sales' || audience === 'salesOrErp')
    return { authorization: `Bearer ${runtime.salesToken}` };
  return {};
}

/** The table as items by key, leaving out what changes without a request (see `quiet`). */
async function tableState(ignoredOrders: ReadonlySet<string>): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.PK);
      // A spent signature is the replay guard's own record, written before the route acts.
      if (pk.startsWith('SIGNATURE#')) continue;
      if (
        [...ignoredOrders].some((orderId) => pk.includes(orderId) || JSON.stringify(item).includes(orderId))
      )
        continue;
      state.set(`${pk}|${String(item.SK)}`, JSON.stringify(item, Object.keys(item).sort()));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return state;
}

describe('a seeded malformed-input run over every route', () => {
  it(
    'answers every request below 500, and a refused write writes nothing',
    async () => {
      const counts = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
      const failures: string[] = [];
      // Orders that accepted requests set moving: their workflows write on by themselves.
      const moving = new Set<string>();
      for (const [index, route] of ROUTES.entries()) {
        for (const request of requestsFor(route, PER_ROUTE, SEED + index)) {
          const write = route.method !== 'GET';
          const before = write ? await tableState(moving) : undefined;
          const response = await fetch(new URL(request.path, runtime.apiUrl), {
            method: route.method,
            headers: { ...request.headers, ...credentials(request) },
            ...(request.rawBody === undefined ? {} : { body: request.rawBody }),
          });
          const text = await response.text();
          counts.requests += 1;
          const kind = `${Math.floor(response.status / 100)}xx` as keyof typeof counts;
          counts[kind] = (counts[kind] as number) + 1;
          const label = `${route.method} ${request.path.slice(0, 120)} ${(request.rawBody ?? '').slice(0, 200)}`;
          if (response.status >= 500) failures.push(`${response.status} ${label} -> ${text.slice(0, 200)}`);
          if (response.ok) {
            const created = /"orderId":"([^"]+)"/.exec(text)?.[1];
            if (created) moving.add(created);
            if (request.path.includes(fixture.orderId) || request.path.includes(fixture.token))
              moving.add(fixture.orderId);
            continue;
          }
          if (before) {
            const after = await tableState(moving);
            const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
              (key) => before.get(key) !== after.get(key),
            );
            if (changed.length)
              failures.push(`${response.status} wrote ${changed.slice(0, 3).join(', ')}: ${label}`);
          }
        }
      }
      console.log(`malformed-input run (seed ${SEED}, ${PER_ROUTE} per route):`, JSON.stringify(counts));
      expect(failures).toEqual([]);
      expect(counts['5xx']).toBe(0);
      expect(counts['4xx']).toBeGreaterThan(counts.requests / 2);
    },
    30 * 60_000,
  );
});
