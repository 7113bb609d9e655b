/**
 * A child process running some of the policies on the same scenario (rebuilt from the seed, so it
 * is the same world), reporting progress and sending back the results: the two cores each run
 * their share.
 */
import { POLICIES } from './policies.ts';
import { buildScenario } from './scenario.ts';
import { simulate } from './simulate.ts';

const [seed, orders, days, warmupDays, ...policyIndexes] = process.argv.slice(2).map(Number);
const scenario = buildScenario({
  seed: seed as number,
  orders: orders as number,
  days: days as number,
  warmupDays: warmupDays as number,
});
for (const index of policyIndexes) {
  const policy = POLICIES[index] as (typeof POLICIES)[number];
  let last = 0;
  const run = await simulate(scenario, policy, (done, total) => {
    const now = performance.now();
    if (now - last < 250) return;
    last = now;
    process.send?.({ kind: 'progress', index, done, total });
  });
  await new Promise<void>((resolve) => process.send?.({ kind: 'result', index, run }, () => resolve()));
}
const cpu = process.cpuUsage();
await new Promise<void>((resolve) =>
  process.send?.({ kind: 'cpu', cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => resolve()),
);
process.disconnect?.();
