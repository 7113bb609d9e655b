/**
 * `npm run simulate:crosscheck -- [--orders 200] [--days 30] [--seed 14]`: starts the local runtime
 * (as `npm start` does, without demo data), runs the cross-check (sim/crosscheck.ts) against it
 * and the in-memory path, prints the table, and exits 1 when any compared field disagrees.
 */
import { parseArgs } from 'node:util';
import { startRuntimeProcess } from '../test/support/local-runtime.ts';
import {
  CROSSCHECK_SETTINGS,
  crosscheckPlan,
  crosscheckRuntimeEnv,
  crosscheckTable,
  memorySide,
  runCrosscheck,
  runtimeSide,
} from './crosscheck.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '200' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '14' },
  },
});
const started = performance.now();
const plan = crosscheckPlan({
  seed: Number(values.seed),
  orders: Number(values.orders),
  days: Number(values.days),
});
const runtime = await startRuntimeProcess({ seed: false, env: crosscheckRuntimeEnv() });
let failed: boolean;
try {
  const report = await runCrosscheck(
    plan,
    runtimeSide(runtime.api, runtime.session),
    memorySide(() => new Date(), CROSSCHECK_SETTINGS),
    (line) => console.error(line),
  );
  console.log(crosscheckTable(report));
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
  failed = report.disagreements.length > 0;
} finally {
  await runtime.stop();
}
process.exit(failed ? 1 : 0);
