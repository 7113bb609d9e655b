import { afterAll, describe, expect, it } from 'vitest';
import {
  CROSSCHECK_SETTINGS,
  crosscheckPlan,
  crosscheckRuntimeEnv,
  memorySide,
  runCrosscheck,
  runtimeSide,
} from '../../sim/crosscheck.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

let runtime: RunningRuntime | undefined;
afterAll(async () => {
  await runtime?.stop();
});

describe('cross-check: local runtime against the in-memory use cases', { timeout: 240_000 }, () => {
  it('gives the same statuses, promised dates and versions for the same seeded orders, delays and supply drop', async () => {
    runtime = await startRuntimeProcess({ seed: false, env: crosscheckRuntimeEnv() });
    const plan = crosscheckPlan({ seed: 14, orders: 4, days: 30 });

    const report = await runCrosscheck(
      plan,
      runtimeSide(runtime.api, runtime.session),
      memorySide(() => new Date(), CROSSCHECK_SETTINGS),
    );

    expect(report.disagreements).toEqual([]);
    expect(report.phases.map((phase) => [phase.phase, phase.compared])).toEqual([
      ['quote', 16],
      ['delay', 16],
      ['supply', 16],
    ]);
    // Not a vacuous agreement: orders were reserved, and a re-promise moved at least one of them.
    expect(report.phases[0]?.statuses.MATERIAL_PREP).toBeGreaterThan(0);
    expect(report.phases.at(-1)?.moved).toBeGreaterThan(0);
  });
});

describe('cross-check: what it reports', () => {
  it('reports each order whose dates differ when one side is given a longer transit time', async () => {
    const plan = crosscheckPlan({ seed: 14, orders: 4, days: 30 });
    const honest = memorySide(() => new Date(), CROSSCHECK_SETTINGS);
    const skewed = memorySide(() => new Date(), CROSSCHECK_SETTINGS);
    const slower = {
      ...skewed,
      setUp: () =>
        skewed.setUp({ ...plan, transit: plan.transit.map((entry) => ({ ...entry, days: entry.days + 1 })) }),
    };

    const report = await runCrosscheck(plan, honest, slower);

    const quoted = report.disagreements.filter(
      (row) => row.phase === 'quote' && row.field === 'firstPromisedDate',
    );
    expect(quoted.map((row) => row.index).sort()).toEqual(plan.orders.map((order) => order.index).sort());
    expect(quoted.every((row) => String(row.memory) > String(row.runtime))).toBe(true);
  });
});
