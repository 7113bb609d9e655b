/**
 * `npm run simulate -- [--orders 20000] [--days 365] [--seed 14] [--html report.html] [--svg docs/x.svg]`
 * Simulates a year of the plant under each promising policy on the same demand and disruptions,
 * prints the figures table and writes the HTML report with its plots.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { POLICIES } from './policies.ts';
import { figuresOf, htmlReport, onTimeChart, table } from './report.ts';
import { buildScenario } from './scenario.ts';
import { simulate } from './simulate.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '14' },
    html: { type: 'string', default: 'simulation-report.html' },
    svg: { type: 'string' },
  },
});
const started = performance.now();
const scenario = buildScenario({
  seed: Number(values.seed),
  orders: Number(values.orders),
  days: Number(values.days),
});
const runs = [];
for (const [index, policy] of POLICIES.entries()) {
  let last = 0;
  const run = await simulate(scenario, policy, (done, total) => {
    const now = performance.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const width = 30;
    const filled = Math.round((width * done) / total);
    process.stderr.write(
      `\r[${index + 1}/${POLICIES.length}] ${policy.name.padEnd(30)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} delivered`,
    );
  });
  process.stderr.write('\n');
  runs.push(run);
}
const calendar = scenario.makeWorld().plant.shippingCalendar;
const engineRun = runs.find((run) => run.policy.name === 'engine (unbuffered)');
const hindsight = new Map(
  (engineRun?.truths ?? []).flatMap((truth) =>
    truth.deliveredOn ? [[truth.demand.index, truth.deliveredOn] as const] : [],
  ),
);
const figures = await Promise.all(runs.map((run) => figuresOf(run, calendar, hindsight)));
const elapsedSeconds = (performance.now() - started) / 1000;
const terminal = table(figures);
console.log(terminal);
for (const each of figures) {
  const { capacityViolations, lowestOnHand, stockBalanced, unfinished } = each.invariants;
  if (capacityViolations.length || lowestOnHand < 0 || !stockBalanced || unfinished.length)
    console.log(
      `INVARIANT BROKEN in ${each.policy}: ${capacityViolations.length} capacity, lowest stock ${lowestOnHand}, balanced ${stockBalanced}, unfinished ${unfinished.length}`,
    );
}
console.log(`\n${scenario.orders.length} orders x ${runs.length} policies in ${elapsedSeconds.toFixed(1)} s`);
writeFileSync(
  values.html,
  htmlReport(figures, { seed: scenario.seed, orders: scenario.orders.length, elapsedSeconds, terminal }),
);
console.log(`HTML report: ${values.html}`);
if (values.svg) writeFileSync(values.svg, onTimeChart(figures));
