import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, waitFor, type LocalSession } from '../../infra/local/api-client.ts';

export interface RunningRuntime {
  readonly session: LocalSession;
  readonly api: ApiClient;
  readonly process: ChildProcess;
  readonly output: () => string;
  /** Every process under the runtime (tsx, node, java), to check none is left behind. */
  descendants(): number[];
  stop(): Promise<number | null>;
  /** A crash: SIGKILL to the runtime and every process under it at once, with no chance to clean up. */
  kill(): Promise<void>;
}

function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const children = (parent: number): number[] =>
    table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child!, ...children(child!)]);
  return children(pid);
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts the local runtime the way `npm start` does (a child process running infra/local/main.ts),
 * on free ports, with extra environment (e.g. short durations), and waits until it is healthy.
 * With `dataDir` it runs as `npm start -- --data DIR`; start it again on the same directory (and
 * `port`, so the links in its messages stay valid) to restart it.
 */
export async function startRuntimeProcess(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    dataDir?: string;
    port?: number;
    args?: readonly string[];
  } = {},
): Promise<RunningRuntime> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-'));
  const sessionFile = path.join(dir, 'session.json');
  const args = [
    'infra/local/main.ts',
    '--port',
    String(options.port ?? 0),
    ...(options.dataDir ? ['--data', options.dataDir] : []),
    '--session',
    sessionFile,
    ...(options.seed === false ? ['--no-seed'] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(path.resolve('node_modules/.bin/tsx'), args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor(
      'the local runtime to write its session',
      async () => child.exitCode === null && existsSync(sessionFile),
      60_000,
    );
  } catch (error) {
    // tsx starts node, which starts java: killing tsx alone would leave those two running.
    for (const pid of [...descendantsOf(child.pid!), child.pid!].filter(isAlive))
      process.kill(pid, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  const session = JSON.parse(readFileSync(sessionFile, 'utf8')) as LocalSession;
  const api = new ApiClient(session);
  try {
    await waitFor('health', async () => (await api.request('GET', '/v1/health')).status === 200);
  } catch (error) {
    for (const pid of [...descendantsOf(child.pid!), child.pid!].filter(isAlive))
      process.kill(pid, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    session,
    api,
    process: child,
    output: () => output,
    descendants: () => descendantsOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const family = descendantsOf(child.pid!);
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      // Only if the runtime had to be killed can children outlive it; never leave them to the next test.
      if (code === null) for (const pid of family.filter(isAlive)) process.kill(pid, 'SIGKILL');
      return code;
    },
    async kill() {
      if (child.exitCode !== null) return;
      const family = [child.pid!, ...descendantsOf(child.pid!)];
      for (const pid of family) process.kill(pid, 'SIGKILL');
      await exited;
      await waitFor('the killed processes to be gone', async () => !family.some(isAlive), 10_000);
    },
  };
}
