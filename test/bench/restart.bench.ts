/**
 * How long `npm start -- --data DIR` takes to resume open orders: 100 orders wait (90 for the
 * customer's decision on their quote, 10 for the ERP's first stage), the runtime is stopped with
 * Ctrl-C and started again, and the clock runs from the new process's start until every one of the
 * 100 executions is back in its state with its callback token stored again.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../../infra/local/api-client.ts';
import { freePort } from '../../infra/local/ports.ts';
import { trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';
import type { BenchTable } from './table.ts';

const ORDERS = 100;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
const ACCEPTED = 10;
const LONG = {
  QUOTE_VALIDITY_SECONDS: '3600',
  SALES_ESCALATION_SECONDS: '3600',
  STAGE_DEADLINE_SECONDS: '3600',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

async function openOrders(runtime: RunningRuntime): Promise<string[]> {
  const orderIds: string[] = [];
  // A few at a time, as sales would enter them; the machine has 2 cores.
  for (let batch = 0; batch < ORDERS; batch += 5) {
    const replies = await Promise.all(
      [0, 1, 2, 3, 4].map(() =>
        runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
          customerId: 'acme',
          lines: [{ sku: 'VALVE-10', quantity: 1 }],
        }),
      ),
    );
    orderIds.push(...replies.map((reply) => reply.body.orderId));
  }
  for (const orderId of orderIds) await untilStatus(runtime.api, orderId, 'QUOTED');
  for (const orderId of orderIds.slice(0, ACCEPTED)) {
    const trackingPath = await trackingPathFromMail(runtime.session, orderId);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
  }
  return orderIds;
}

export async function run(): Promise<BenchTable> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-bench-restart-'));
  const port = await freePort();
  const firstStarted = performance.now();
  const first = await startRuntimeProcess({ dataDir, port, env: LONG });
  const firstHealthy = performance.now() - firstStarted;
  let second: RunningRuntime | undefined;
  try {
    const orderIds = await openOrders(first);
    await first.stop();

    const started = performance.now();
    second = await startRuntimeProcess({ dataDir, port, env: LONG });
    const healthy = performance.now() - started;
    const output = second.output;
    const line = await waitFor(
      'the resume of every open execution',
      async () => /resumed (\d+) running workflow execution\(s\) in (\d+) ms/.exec(output()) ?? undefined,
      120_000,
    );
    const resumedAt = performance.now() - started;
    const resumed = Number(line[1]);
    // The orders really go on: one of each kind is moved forward after the restart.
    const quoted = orderIds[ACCEPTED]!;
    const decided = await second.api.customer(
      'POST',
      `${await trackingPathFromMail(second.session, quoted)}/decision`,
      { decision: 'accept' },
    );
    if (decided.status !== 200) throw new Error(`accept after restart answered ${decided.status}`);
    await untilStatus(second.api, quoted, 'MATERIAL_PREP');

    return {
      title: `Restart with --data: resuming ${ORDERS} open orders (npm run bench -- restart)`,
      columns: ['measure', 'value'],
      rows: [
        ['first start on an empty data directory -> API healthy (seeding included)', seconds(firstHealthy)],
        ['open executions found and resumed', resumed],
        [
          'process start -> API healthy (DynamoDB Local, executions loaded, tokens registered)',
          seconds(healthy),
        ],
        [
          `process start -> all ${resumed} back in their state (callback tokens stored again)`,
          seconds(resumedAt),
        ],
        ['  of which resuming, after the executions were loaded', `${line[2]} ms`],
      ],
      notes: [
        `Load average at the end: ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores.`,
        `${ORDERS - ACCEPTED} orders wait for the customer's decision and ${ACCEPTED} for the ERP's first stage.`,
        'Process start includes Node and tsx start-up and DynamoDB Local (Java) start-up.',
      ],
    };
  } finally {
    await second?.stop();
    await first.stop();
  }
}
