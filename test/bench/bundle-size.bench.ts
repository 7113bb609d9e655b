/**
 * The size of every function's bundle, built with the exact esbuild settings the CDK stack uses
 * (infra/constructs/bundling.ts). Size matters for cold starts: Lambda loads and parses the whole
 * bundle before the first request.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, buildSync, type Metafile } from 'esbuild';
import { ALL_FUNCTIONS, API_FUNCTIONS } from '../../functions/handlers/registry.ts';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import { synthesize } from '../infra/fixture.ts';
import { percentile, type BenchTable } from './table.ts';

export const TARGET_KB = 250;

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** The package (or `app` for our own code) each input file of the bundle belongs to. */
function packageOf(file: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match?.[1] ?? 'app';
}

/** The three packages that contribute most bytes to the output. */
function largestPackages(metafile: Metafile): string {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs))
      totals.set(packageOf(file), (totals.get(packageOf(file)) ?? 0) + bytesInOutput);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
}

/** Fresh Node processes that each import the bundle once: the module-loading part of a cold start. */
const LOAD_SAMPLES = 7;

/** Median milliseconds a new Node process takes to load and evaluate the bundle at `file`. */
function loadMillis(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`;
  const samples = Array.from({ length: LOAD_SAMPLES }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        // What Lambda sets; module scope only reads them, no request is made.
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', TABLE_NAME: 'bench' },
      }).toString(),
    ),
  ).sort((a, b) => a - b);
  return percentile(samples, 50);
}

/**
 * The same function with the AWS SDK left to the Lambda runtime (CDK's default for NodejsFunction)
 * instead of bundled: smaller, but Node then loads the SDK's CommonJS files one by one. Built inside
 * the project so that the external imports resolve to node_modules, as they would to the runtime's.
 */
function sdkExternalComparison(entry: string): string {
  const dir = mkdtempSync(path.join(PROJECT_ROOT, '.bench-external-'));
  try {
    const outfile = path.join(dir, 'index.mjs');
    buildSync({ ...esbuildOptions(entry, outfile), external: ['@aws-sdk/*'], logLevel: 'silent' });
    return `${kb(readFileSync(outfile).length)} KB, loads in ${loadMillis(outfile).toFixed(0)} ms`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Clients a floor bundle sends one request with: package, client class, command class. */
type FloorClient = readonly [pkg: string, client: string, command: string];
const DYNAMODB: FloorClient = ['@aws-sdk/client-dynamodb', 'DynamoDBClient', 'GetItemCommand'];
const NOTIFY_CLIENTS: readonly FloorClient[] = [
  DYNAMODB,
  ['@aws-sdk/client-ses', 'SESClient', 'SendEmailCommand'],
  ['@aws-sdk/client-pinpoint-sms-voice-v2', 'PinpointSMSVoiceV2Client', 'SendTextMessageCommand'],
  ['@aws-sdk/client-secrets-manager', 'SecretsManagerClient', 'GetSecretValueCommand'],
];

/**
 * The smallest bundle a handler sending one request through each of `clients` can have with these
 * settings: the floor the SDK itself sets, against which the target can be judged.
 */
function floorKb(clients: readonly FloorClient[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-floor-'));
  try {
    const outfile = path.join(dir, 'index.mjs');
    const { entryPoints: _entry, ...options } = esbuildOptions('', outfile);
    const contents = [
      ...clients.map(([pkg, client, command]) => `import { ${client}, ${command} } from '${pkg}';`),
      'export const handler = () => Promise.all([',
      ...clients.map(([, client, command]) => `  new ${client}({}).send(new ${command}({} as never)),`),
      ']);',
    ].join('\n');
    buildSync({
      ...options,
      stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' },
      logLevel: 'silent',
    });
    return kb(readFileSync(outfile).length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchTable> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promise-keeper-bundles-'));
  const rows: (string | number)[][] = [];
  let over = 0;
  let failed = 0;
  try {
    for (const [name, definition] of Object.entries(ALL_FUNCTIONS)) {
      const entry = path.join(PROJECT_ROOT, definition.entry);
      if (!existsSync(entry)) {
        rows.push([name, 'missing', '', '', '', 'NO', '']);
        continue;
      }
      const outfile = path.join(dir, name, 'index.mjs');
      const started = performance.now();
      let result;
      try {
        // Silent: a failing build is reported in its row, the other functions are still measured.
        result = await build({ ...esbuildOptions(entry, outfile), logLevel: 'silent' });
      } catch (error) {
        failed += 1;
        rows.push([
          name,
          'build failed',
          '',
          '',
          '',
          'NO',
          String((error as Error).message).split('\n')[1] ?? '',
        ]);
        continue;
      }
      const millis = performance.now() - started;
      const code = readFileSync(outfile);
      const within = code.length <= TARGET_KB * 1024;
      if (!within) over += 1;
      rows.push([
        name,
        kb(code.length),
        kb(gzipSync(code).length),
        `${millis.toFixed(0)} ms`,
        `${loadMillis(outfile).toFixed(0)} ms`,
        within ? 'yes' : 'NO',
        result.metafile ? largestPackages(result.metafile) : '',
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const comparison = sdkExternalComparison(path.join(PROJECT_ROOT, API_FUNCTIONS.SalesApi.entry));
  // What CI pays once per run: both stacks synthesized, every function bundled by NodejsFunction.
  const { seconds } = synthesize();
  return {
    title: 'Lambda bundle sizes (esbuild, minified ESM, same settings as the CDK stack)',
    columns: [
      'function',
      'minified KB',
      'gzip KB',
      'build time',
      'load p50',
      `< ${TARGET_KB} KB`,
      'largest inputs (KB in output)',
    ],
    rows,
    notes: [
      `Target: every bundle under ${TARGET_KB} KB minified (source maps excluded). Over target: ${over}. Failed to build: ${failed}.`,
      'Build times are for one esbuild call each on this machine, including the AWS SDK clients.',
      `Load p50: median of ${LOAD_SAMPLES} fresh Node processes importing the bundle (module loading and evaluation, no request).`,
      `SalesApi with the AWS SDK left to the runtime instead (CDK's default): ${comparison}.`,
      `Floor set by the SDK, a handler doing nothing but one request per client, bundled the same way: DynamoDB only ${floorKb([DYNAMODB])} KB; DynamoDB, SES, SMS and Secrets Manager (what every notifying function uses) ${floorKb(NOTIFY_CLIENTS)} KB.`,
      `Full offline synth of both stacks (${rows.length} functions bundled by CDK, no cdk-nag): ${seconds.toFixed(1)} s.`,
    ],
  };
}
