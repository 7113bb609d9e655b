/**
 * DynamoDB Local dies under the running runtime (its Java child is killed). In memory, the data
 * went with it: the runtime says so and exits 1 instead of serving an empty store. With --data, it
 * restarts DynamoDB Local on the same files, says so, and serves the same data again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

const started: RunningRuntime[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

/** The runtime's DynamoDB Local: the one java process among its descendants. */
function javaChild(runtime: RunningRuntime): number {
  const java = runtime.descendants().filter((pid) => {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)])
        .toString()
        .includes('DynamoDBLocal');
    } catch {
      return false;
    }
  });
  expect(java).toHaveLength(1);
  return java[0]!;
}

describe('when DynamoDB Local dies', { timeout: 240_000 }, () => {
  it('in memory: the runtime says the data is gone and exits with code 1', async () => {
    const runtime = await startRuntimeProcess({ seed: false });
    started.push(runtime);
    const exited = new Promise<number | null>((resolve) => runtime.process.once('exit', resolve));

    process.kill(javaChild(runtime), 'SIGKILL');

    expect(await exited).toBe(1);
    expect(runtime.output()).toMatch(/DynamoDB Local \(pid \d+\) was killed \(SIGKILL\)/);
    expect(runtime.output()).toContain('every order, product and message record is gone');
  });

  it('with --data: it is restarted on the same files and the data is still served', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-data-'));
    const runtime = await startRuntimeProcess({ args: ['--data', dataDir] });
    started.push(runtime);
    expect((await runtime.api.sales('GET', '/v1/customers/acme')).status).toBe(200);

    process.kill(javaChild(runtime), 'SIGKILL');
    await waitFor(
      'DynamoDB Local to be back',
      async () => runtime.output().includes('DynamoDB Local is back'),
      120_000,
    );

    expect(runtime.output()).toContain('restarting it on');
    expect((await runtime.api.request('GET', '/v1/health')).status).toBe(200);
    expect((await runtime.api.sales('GET', '/v1/customers/acme')).status).toBe(200);
  });
});
