/**
 * The customer's order page on the local runtime: how long the server takes to answer it (over
 * loopback, so nearly all of it is the API function: one token lookup, one partition query, the
 * customer and products, rendering) and how much it weighs, for a quoted order and for an order
 * in production with a delay.
 */
import { gzipSync } from 'node:zlib';
import { ApiClient, waitFor } from '../../infra/local/api-client.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { erpEvent, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { ms, percentile, type BenchTable } from './table.ts';

const REQUESTS = 200;

async function measure(url: string) {
  const times: number[] = [];
  let body = '';
  for (let index = 0; index < REQUESTS + 10; index += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    body = await response.text();
    if (response.status !== 200) throw new Error(`The order page answered ${response.status}`);
    // The first requests warm the function (module load, secrets, clients), as a cold start would.
    if (index >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { times, bytes: Buffer.byteLength(body), gzip: gzipSync(body).length };
}

export async function run(): Promise<BenchTable> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const runtime = await startLocalRuntime({ port: 0 });
  try {
    const api = new ApiClient(runtime);
    const order = async (lines: { sku: string; quantity: number }[]) => {
      const { body } = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
        customerId: 'acme',
        lines,
      });
      await untilStatus(api, body.orderId, 'QUOTED');
      return { orderId: body.orderId, path: await trackingPathFromMail(runtime, body.orderId) };
    };
    const quoted = await order([{ sku: 'VALVE-10', quantity: 5 }]);
    const delayed = await order([
      { sku: 'VALVE-10', quantity: 3 },
      { sku: 'HOUSING-7', quantity: 4 },
    ]);
    await api.customer('POST', `${delayed.path}/decision`, { decision: 'accept' });
    await untilStatus(api, delayed.orderId, 'MATERIAL_PREP');
    await api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(delayed.orderId, 'DELAY_REPORTED', {
        stage: 'MATERIALS_READY',
        newEstimatedDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        reason: 'Supplier late',
        customerNote: 'A supplier delivers later than agreed',
      }),
    );
    await waitFor('the delay on the page', async () =>
      (
        await (await fetch(`${runtime.apiUrl}${delayed.path}`, { headers: { accept: 'text/html' } })).text()
      ).includes('class="slip"'),
    );
    const rows: (string | number)[][] = [];
    for (const [name, path] of [
      ['quoted order (quote with Accept/Reject)', quoted.path],
      ['order in production with a delay (slip, 2 lines, history)', delayed.path],
    ] as const) {
      const result = await measure(`${runtime.apiUrl}${path}`);
      rows.push([
        name,
        ms(percentile(result.times, 50)),
        ms(percentile(result.times, 95)),
        `${(result.bytes / 1024).toFixed(1)} KB`,
        `${(result.gzip / 1024).toFixed(1)} KB`,
      ]);
    }
    return {
      title: `Customer order page on the local runtime, ${REQUESTS} requests each (npm run bench -- order-page)`,
      columns: ['page', 'server p50', 'server p95', 'weight (HTML, CSS inline, no images)', 'gzipped'],
      rows,
      notes: [
        'Target: a page weighs at most 50 KB without images. Times are loopback round trips to the local API server, the function warm.',
      ],
    };
  } finally {
    await runtime.stop();
  }
}
