/**
 * `npm start`: the whole product on this machine. Options in USAGE below; `--help` prints them.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JavaMissingError } from './dynamodb-local.ts';
import { PortInUseError } from './ports.ts';
import { ROOT, startLocalRuntime, type LocalRuntime } from './runtime.ts';

const USAGE = `Usage: npm start -- [options]

  --port N        API port (default 3000; 0 picks a free one)
  --data DIR      keep DynamoDB data and the local secrets on disk in DIR (default: in memory)
  --no-seed       start with an empty catalogue
  --session FILE  where to write the session JSON (default .local/session.json)
  -h, --help      print this and exit`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '3000' },
        data: { type: 'string' },
        'no-seed': { type: 'boolean', default: false },
        session: { type: 'string', default: path.join(ROOT, '.local/session.json') },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs explains unknown options and stray arguments in one sentence; no stack trace.
    console.error(`${(error as Error).message.split('\n')[0]} (npm start -- --help lists the options)`);
    process.exit(2);
  }
}

const values = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

let runtime: LocalRuntime | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await runtime?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('uncaughtException', (error) => {
  console.error('Fatal:', error);
  void shutdown(1);
});

const started = Date.now();
try {
  runtime = await startLocalRuntime({
    port,
    ...(values.data ? { dataDir: path.resolve(values.data) } : {}),
    seed: !values['no-seed'],
    log: (line) => console.log(`  ... ${line}`),
    onFatal: (message) => {
      console.error(`\n!!! ${message}\n`);
      void shutdown(1);
    },
  });
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const session = {
  apiUrl: runtime.apiUrl,
  salesToken: runtime.salesToken,
  erpSecret: runtime.erpSecret,
  mailOutboxUrl: runtime.mailOutboxUrl,
  smsOutboxUrl: runtime.smsOutboxUrl,
  erpInboxUrl: runtime.erpInboxUrl,
};
await mkdir(path.dirname(values.session), { recursive: true });
// Written whole, then renamed: whoever waits for the file never reads half of it.
await writeFile(`${values.session}.tmp`, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
await rename(`${values.session}.tmp`, values.session);

console.log(`
Promise Keeper is running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
  API          ${session.apiUrl}/v1   (health: /v1/health, OpenAPI: /v1/openapi.json)
  Mail outbox  ${session.mailOutboxUrl}   (web view: ${session.mailOutboxUrl.replace(/\/store$/, '/')})
  SMS outbox   ${session.smsOutboxUrl}
  ERP inbox    ${session.erpInboxUrl}   (status requests sent to the ERP)
  Sales token  ${session.salesToken}
  ERP secret   ${session.erpSecret}
  Session      ${path.relative(process.cwd(), values.session)}
Try: npm run demo     Stop: Ctrl-C
`);
