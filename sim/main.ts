/**
 * `npm run simulate -- [--orders 20000] [--days 365] [--seed 14] [--html report.html] [--svg docs/x.svg]`
 * Simulates a year of the plant under each promising policy on the same demand and disruptions,
 * prints the figures table and writes the HTML report with its plots.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { POLICIES } from './policies.ts';
import { boundOrdersOf, GROUPINGS, hindsightBound, outOfSample } from './bound.ts';
import {
  type BoundFigures,
  boundTable,
  causeTable,
  figuresOf,
  htmlReport,
  markdownTables,
  onTimeChart,
  table,
} from './report.ts';
import { buildScenario } from './scenario.ts';
import type { RunResult } from './simulate.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '14' },
    warmup: { type: 'string', default: '60' },
    html: { type: 'string', default: 'simulation-report.html' },
    svg: { type: 'string' },
    /** A README whose block between `<!-- simulate:begin -->` and `<!-- simulate:end -->` gets the tables. */
    readme: { type: 'string' },
  },
});
const started = performance.now();
const scenario = buildScenario({
  seed: Number(values.seed),
  orders: Number(values.orders),
  days: Number(values.days),
  warmupDays: Number(values.warmup),
});
// The policies are shared out over two processes (the machine's two cores), each on the same world.
const progress = new Map<number, { done: number; total: number }>();
const draw = () => {
  const parts = POLICIES.map((policy, index) => {
    const state = progress.get(index);
    const filled = state ? Math.round((10 * state.done) / state.total) : 0;
    return `${index + 1}[${'#'.repeat(filled)}${'.'.repeat(10 - filled)}]`;
  });
  process.stderr.write(
    `\rsimulating ${scenario.orders.length} orders under ${POLICIES.length} policies ${parts.join(' ')}`,
  );
};
const results = new Map<number, RunResult>();
let workerCpuSeconds = 0;
const shares = [0, 1].map((worker) =>
  POLICIES.map((_, index) => index).filter((index) => index % 2 === worker),
);
await Promise.all(
  shares.map(
    (indexes) =>
      new Promise<void>((resolve, reject) => {
        const child = fork(
          fileURLToPath(new URL('./worker.ts', import.meta.url)),
          [values.seed, values.orders, values.days, values.warmup, ...indexes.map(String)],
          { execArgv: ['--import', 'tsx'] },
        );
        child.on(
          'message',
          (message: {
            kind: string;
            index: number;
            done: number;
            total: number;
            run: RunResult;
            cpuSeconds: number;
          }) => {
            if (message.kind === 'progress') progress.set(message.index, message);
            else if (message.kind === 'cpu') workerCpuSeconds += message.cpuSeconds;
            else {
              progress.set(message.index, { done: 1, total: 1 });
              results.set(message.index, message.run);
            }
            draw();
          },
        );
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`simulation worker exited with ${code}`)),
        );
      }),
  ),
);
process.stderr.write('\n');
const runs = POLICIES.map((_, index) => results.get(index) as RunResult);
const calendar = scenario.makeWorld().plant.shippingCalendar;
const engineRun = runs.find((run) => run.policy.name === 'engine (unbuffered)');
const hindsight = new Map(
  (engineRun?.truths ?? []).flatMap((truth) =>
    truth.deliveredOn ? [[truth.demand.index, truth.deliveredOn] as const] : [],
  ),
);
const figures = await Promise.all(runs.map((run) => figuresOf(run, calendar, hindsight)));
// The best any group-based buffer could have done on the unbuffered run's own orders (sim/bound.ts).
const bounds: BoundFigures[] = engineRun
  ? GROUPINGS.map((grouping) => {
      const orders = boundOrdersOf(engineRun.truths, calendar, grouping.key);
      const check = outOfSample(orders, calendar);
      return {
        grouping: grouping.name,
        result: hindsightBound(orders, calendar),
        ...(check ? { outOfSample: check } : {}),
      };
    })
  : [];
const measuredOrders = scenario.orders.filter((order) => order.measured).length;
const elapsedSeconds = (performance.now() - started) / 1000;
const terminal = `${table(figures)}\n\n${causeTable(figures)}\n\nThe best a buffer policy could do, in hindsight, on the unbuffered run's orders:\n${boundTable(bounds)}`;
console.log(terminal);
for (const each of figures) {
  const { capacityViolations, lowestOnHand, stockBalanced, unfinished } = each.invariants;
  if (capacityViolations.length || lowestOnHand < 0 || !stockBalanced || unfinished.length)
    console.log(
      `INVARIANT BROKEN in ${each.policy}: ${capacityViolations.length} capacity, lowest stock ${lowestOnHand}, balanced ${stockBalanced}, unfinished ${unfinished.length}`,
    );
}
console.log(
  `\n${measuredOrders} measured orders (+${scenario.orders.length - measuredOrders} in a ${values.warmup}-day warm-up) x ${runs.length} policies in ${elapsedSeconds.toFixed(1)} s`,
);
writeFileSync(
  values.html,
  htmlReport(figures, { seed: scenario.seed, orders: measuredOrders, elapsedSeconds, terminal }),
);
console.log(`HTML report: ${values.html}`);
if (values.svg) writeFileSync(values.svg, onTimeChart(figures));
if (values.readme) {
  const [begin, end] = ['<!-- simulate:begin -->', '<!-- simulate:end -->'];
  const readme = readFileSync(values.readme, 'utf8');
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${values.readme} has no ${begin} ... ${end} block`);
  const cpu = process.cpuUsage();
  const run = `Seed ${scenario.seed}: ${measuredOrders.toLocaleString('en-US')} measured orders (+${(scenario.orders.length - measuredOrders).toLocaleString('en-US')} in a ${values.warmup}-day warm-up), ${runs.length} policies in ${elapsedSeconds.toFixed(0)} s wall on ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1)} at the end; ${workerCpuSeconds.toFixed(0)} s CPU in the workers, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s in the main process).`;
  writeFileSync(
    values.readme,
    `${readme.slice(0, from + begin.length)}\n\n${markdownTables(figures)}\n\n${boundTable(bounds)}\n\n${run}\n\n${readme.slice(to)}`,
  );
  console.log(`README tables: ${values.readme}`);
}
