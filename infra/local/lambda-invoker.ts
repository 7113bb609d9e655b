import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { ALL_FUNCTIONS, API_FUNCTIONS, type FunctionDefinition } from '../../functions/handlers/registry.ts';
import { functionEnvironment } from '../access-policy.ts';
import { esbuildOptions } from '../constructs/bundling.ts';
import type { InvocationReply, WorkerSetup } from './lambda-worker.ts';

/** The local ARN of a function: what `${<Name>FunctionArn}` becomes in the local workflow. */
export const localFunctionArn = (name: string, region: string) =>
  `arn:aws:lambda:${region}:000000000000:function:promise-keeper-${name}`;

/** The secret half of every function's local credentials; the access key id is the function's name. */
export const LOCAL_FUNCTION_SECRET = 'local-function';

/** What Lambda itself puts into every function's environment, locally with the function's own key. */
function lambdaProvided(name: string, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: name,
    AWS_SECRET_ACCESS_KEY: LOCAL_FUNCTION_SECRET,
    AWS_LAMBDA_FUNCTION_NAME: `promise-keeper-${name}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  };
}

/** Plain TypeScript that Node 24 runs by stripping types: the handler itself comes as a bundle. */
const WORKER_MODULE = new URL('./lambda-worker.ts', import.meta.url);

/** Same error shape as an error thrown by a handler, so Step Functions matches it by name. */
const invocationError = (name: string, message: string, stack?: string) =>
  Object.assign(new Error(message), { name, ...(stack ? { stack } : {}) });

/** Changes whenever a file a bundle may contain changes: our sources, the lock file, the entry. */
function sourcesKey(root: string, entry: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(path.join(root, 'functions'), { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(root, 'functions', file))
    .concat(
      ['package-lock.json', 'infra/constructs/bundling.ts', 'infra/constructs/lambda-credentials.ts'].map(
        (file) => path.join(root, file),
      ),
      entry,
    );
  for (const file of files.sort()) {
    const { mtimeMs, size } = statSync(file);
    hash.update(`${file}\0${mtimeMs}\0${size}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds next to `dir` and renames, so a runtime starting at the same time never loads half a bundle. */
async function buildInto(entry: string, dir: string): Promise<void> {
  const building = `${dir}.${process.pid}.${Date.now()}.tmp`;
  await build({
    ...esbuildOptions(entry, path.join(building, 'index.mjs')),
    // Minifying changes nothing a handler can observe and makes each build slower here.
    minify: false,
    metafile: false,
  });
  try {
    renameSync(building, dir);
  } catch {
    // Another runtime finished the same bundle first: keep theirs.
    rmSync(building, { recursive: true, force: true });
  }
}

/** Older bundles of the same function (sources have changed since). */
function removeStaleBundles(cacheDir: string, name: string, current: string): void {
  for (const dir of readdirSync(cacheDir))
    if (
      /^[A-Za-z]+-[0-9a-f]{16}$/.test(dir) &&
      dir.startsWith(`${name}-`) &&
      path.join(cacheDir, dir) !== current
    )
      rmSync(path.join(cacheDir, dir), { recursive: true, force: true });
}

interface Instance {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

/**
 * Runs the same handler modules the cloud runs, each function in its own worker thread whose
 * environment is exactly what its registry entry gives it (the same `functionEnvironment` the CDK
 * stack uses) plus what Lambda adds, with the function's name as its access key id so the local
 * endpoints can refuse what its `access` does not grant (iam-proxy.ts). A worker starts on the
 * function's first invocation (a cold start) and stays warm; if it dies, the next call starts another.
 *
 * `loseFirstResponse` names functions whose first invocation completes but whose response is
 * "lost" (a Lambda.ServiceException), so tests can prove a retried task does nothing twice.
 */
export function createLambdaInvoker(options: {
  root: string;
  region: string;
  /** Every value the runtime has (settings, resource names, endpoints); each function gets its own part. */
  available: () => Readonly<Record<string, string | undefined>>;
  loseFirstResponse?: readonly string[];
  /** @default the registry */
  functions?: Readonly<Record<string, FunctionDefinition>>;
}) {
  const functions = options.functions ?? ALL_FUNCTIONS;
  const instances = new Map<string, Instance>();
  const lost = new Set<string>();
  let nextId = 0;

  const environmentOf = (name: string, definition: FunctionDefinition) => ({
    ...functionEnvironment(definition, {
      ...options.available(),
      POWERTOOLS_SERVICE_NAME: `promise-keeper-${name}`,
    }),
    ...lambdaProvided(name, options.region),
  });

  // The same bundle Lambda runs (infra/constructs/bundling.ts: esbuild, the AWS SDK inside, the
  // credential chain reduced to the environment), built on a function's first invocation and kept
  // in .local/functions until a source file or the lock file changes (see sourcesKey).
  const cacheDir = path.join(options.root, '.local', 'functions');
  const bundles = new Map<string, Promise<string>>();
  const bundleOf = (name: string, definition: FunctionDefinition): Promise<string> => {
    let bundle = bundles.get(name);
    if (!bundle) {
      const entry = path.join(options.root, definition.entry);
      const dir = path.join(cacheDir, `${name}-${sourcesKey(options.root, entry)}`);
      const outfile = path.join(dir, 'index.mjs');
      bundle = existsSync(outfile)
        ? Promise.resolve(outfile)
        : buildInto(entry, dir).then(() => {
            removeStaleBundles(cacheDir, name, dir);
            return outfile;
          });
      bundle.catch(() => bundles.delete(name));
      bundles.set(name, bundle);
    }
    return bundle;
  };

  const instanceOf = async (name: string): Promise<Instance> => {
    const running = instances.get(name);
    if (running) return running;
    const definition = functions[name];
    if (!definition) throw new Error(`No function named ${name} in functions/handlers/registry.ts`);
    const bundle = await bundleOf(name, definition);
    const raced = instances.get(name);
    if (raced) return raced;
    const setup: WorkerSetup = {
      moduleUrl: pathToFileURL(bundle).href,
      functionName: `promise-keeper-${name}`,
      functionArn: localFunctionArn(name, options.region),
      timeoutMs: name in API_FUNCTIONS ? 10_000 : 30_000,
    };
    const worker = new Worker(WORKER_MODULE, {
      workerData: setup,
      env: environmentOf(name, definition),
      // What NODE_OPTIONS gives every function in the cloud: stack traces point at the sources.
      execArgv: ['--enable-source-maps'],
    });
    const instance: Instance = { worker, pending: new Map() };
    const failAll = (error: Error) => {
      if (instances.get(name) === instance) instances.delete(name);
      for (const { reject } of instance.pending.values()) reject(error);
      instance.pending.clear();
    };
    worker.on('message', (reply: InvocationReply) => {
      const waiting = instance.pending.get(reply.id);
      if (!waiting) return;
      instance.pending.delete(reply.id);
      if ('error' in reply)
        waiting.reject(invocationError(reply.error.name, reply.error.message, reply.error.stack));
      else waiting.resolve(reply.result);
    });
    // A handler module that fails to load, or an error nothing caught: Lambda reports both this way.
    worker.on('error', (error) => {
      // Lambda logs such a crash too; without this line an error between invocations would vanish.
      console.error(`${name} crashed:`, error);
      failAll(invocationError('Runtime.ExitError', `${name} crashed: ${error.message}`, error.stack));
    });
    worker.on('exit', (code) =>
      failAll(invocationError('Runtime.ExitError', `${name} exited with code ${code}`)),
    );
    instances.set(name, instance);
    return instance;
  };

  const invoke = async (name: string, event: unknown): Promise<unknown> => {
    const instance = await instanceOf(name);
    const id = ++nextId;
    const result = await new Promise<unknown>((resolve, reject) => {
      instance.pending.set(id, { resolve, reject });
      instance.worker.postMessage({ id, event: JSON.parse(JSON.stringify(event ?? null)) as unknown });
    });
    if (options.loseFirstResponse?.includes(name) && !lost.has(name)) {
      lost.add(name);
      throw Object.assign(new Error('Simulated lost response after the function ran'), {
        name: 'Lambda.ServiceException',
      });
    }
    return result;
  };
  /** For the Step Functions emulator: resolves `FunctionName` (an ARN) to a registry name. */
  const invokeByArn = (functionArn: string, payload: unknown) =>
    invoke(functionArn.split(':').pop()!.replace('promise-keeper-', ''), payload);
  /** The environment a function's worker gets (for tests and diagnostics). */
  const environment = (name: string) => {
    const definition = functions[name];
    if (!definition) throw new Error(`No function named ${name}`);
    return environmentOf(name, definition);
  };
  /** Builds these functions' bundles now (in esbuild's own process), so their first call is quicker. */
  const prebuild = (names: readonly string[]) => {
    for (const name of names) {
      const definition = functions[name];
      if (definition) bundleOf(name, definition).catch(() => undefined);
    }
  };
  const close = async () => {
    const running = [...instances.values()];
    instances.clear();
    // Stopping is not a crash: invocations still in flight are simply abandoned, as at shutdown.
    await Promise.all(running.map(({ worker }) => worker.removeAllListeners('exit').terminate()));
  };
  return { invoke, invokeByArn, environment, prebuild, close };
}
