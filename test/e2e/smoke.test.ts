import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { isAlive, startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/** Whatever a test started is stopped, even when one of its assertions failed. */
const started: RunningRuntime[] = [];
afterEach(async () => {
  for (const runtime of started.splice(0)) await runtime.stop();
});

describe('npm start, as a child process', { timeout: 120_000 }, () => {
  it('serves /v1/health, writes its session, and stops cleanly on Ctrl-C without orphans', async () => {
    const runtime = await startRuntimeProcess({ seed: false });
    started.push(runtime);
    const children = runtime.descendants();
    expect(children.length).toBeGreaterThan(0);

    const health = await runtime.api.request<{ status: string }>('GET', '/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(Object.keys(runtime.session).sort()).toEqual([
      'apiUrl',
      'erpInboxUrl',
      'erpSecret',
      'mailOutboxUrl',
      'salesToken',
      'smsOutboxUrl',
    ]);
    expect(runtime.output()).toContain('Promise Keeper is running locally');

    // 0 from our own handler, or 130 (the shell convention for Ctrl-C) when tsx reports the signal.
    expect([0, 130]).toContain(await runtime.stop());
    // esbuild's service processes exit on their own when their parent has gone: give them a moment.
    await waitFor(
      'every child process to exit',
      async () => children.every((pid) => !isAlive(pid)),
      10_000,
    ).catch(() => undefined);
    expect(children.filter(isAlive)).toEqual([]);
  });

  it('refuses a port that is in use with a one-line message', async () => {
    const first = await startRuntimeProcess({ seed: false });
    started.push(first);
    const port = new URL(first.session.apiUrl).port;
    const { spawnSync } = await import('node:child_process');
    const second = spawnSync(
      'node_modules/.bin/tsx',
      ['infra/local/main.ts', '--port', port, '--no-seed', '--session', '/tmp/unused-session.json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    await first.stop();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Port ${port} is already in use`);
  });
});
