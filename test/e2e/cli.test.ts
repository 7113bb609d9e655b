/** `npm start`'s command line: help, mistakes answered in one line, a busy port found first. */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const start = (...args: string[]) =>
  spawnSync(path.resolve('node_modules/.bin/tsx'), ['infra/local/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 90_000,
  });

describe('npm start -- <options>', { timeout: 120_000 }, () => {
  it('--help prints every option and exits 0 without starting anything', () => {
    const result = start('--help');

    expect(result.status).toBe(0);
    for (const option of ['--port N', '--data DIR', '--no-seed', '--session FILE', '--help'])
      expect(result.stdout).toContain(option);
    expect(result.stdout).not.toContain('starting DynamoDB Local');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray'], "Unexpected argument 'stray'"],
  ])('%j is answered with one line and exit code 2, not a stack trace', (args, message) => {
    const result = start(...args);

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
    expect(result.stdout).not.toContain('starting DynamoDB Local');
  });

  it('finds a busy API port before DynamoDB Local starts', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve()));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const result = start('--port', String(port), '--no-seed', '--session', '/tmp/unused-session.json');

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(result.stdout).not.toContain('starting DynamoDB Local');
    } finally {
      squatter.close();
    }
  });
});
