import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../sim/policies.ts';
import { figuresOf, table } from '../../sim/report.ts';
import { buildScenario, DEFAULT_PROFILE } from '../../sim/scenario.ts';
import { simulate } from '../../sim/simulate.ts';

// A short horizon: enough orders to load the work centers and meet every kind of disruption.
const scenario = () => buildScenario({ seed: 7, orders: 300, days: 30 });
const engine = POLICIES.find((policy) => policy.name === 'engine (unbuffered)');
const earlyWarning = POLICIES.at(-1);

describe('plant simulator invariants (short horizon)', () => {
  it('never holds more work-center hours on a day than the day has, breakdowns included', async () => {
    const run = await simulate(scenario(), engine!);
    expect(run.invariants.capacityViolations).toEqual([]);
    expect(run.utilisation.some(([, share]) => share > 0)).toBe(true);
  });

  it('conserves stock: what was on hand plus lot excess minus what orders consumed is what is left, never below zero', async () => {
    const run = await simulate(scenario(), engine!);
    expect(run.invariants.stockBalanced).toBe(true);
    expect(run.invariants.lowestOnHand).toBeGreaterThanOrEqual(0);
  });

  it('ends every order: each one is delivered and recorded as such by the order use cases', async () => {
    const run = await simulate(scenario(), earlyWarning!);
    expect(run.invariants.unfinished).toEqual([]);
    const statuses = new Set(run.finalOrders.map((order) => order.status));
    expect([...statuses]).toEqual(['DELIVERED']);
    expect(run.truths).toHaveLength(300);
  });

  it('meets disruptions: some promises slip and are announced through the product', async () => {
    const run = await simulate(scenario(), engine!);
    const moved = run.finalOrders.filter((order) => (order.promiseVersion ?? 1) > 1);
    expect(moved.length).toBeGreaterThan(0);
    expect(run.notices.length).toBeGreaterThan(0);
  });

  it('gives the same report for the same seed', async () => {
    const calendar = scenario().makeWorld().plant.shippingCalendar;
    const once = table([await figuresOf(await simulate(scenario(), engine!), calendar)]);
    const twice = table([await figuresOf(await simulate(scenario(), engine!), calendar)]);
    expect(twice).toBe(once);
  });

  it('keeps every promise of the unbuffered engine when nothing goes wrong: the plant executes its own plan', async () => {
    const calm = buildScenario({
      seed: 7,
      orders: 300,
      days: 30,
      profile: {
        ...DEFAULT_PROFILE,
        supplierLateShare: 0,
        breakdownEveryWorkingDays: Infinity,
        shipmentLateShare: 0,
        yieldLoss: 0,
      },
    });
    const run = await simulate(calm, engine!);
    const late = run.truths.filter((truth) => (truth.deliveredOn ?? '') > truth.firstPromise);
    expect(run.truths.every((truth) => truth.deliveredOn)).toBe(true);
    expect(late).toEqual([]);
  });

  it('names a cause for every late order (a supplier, a breakdown, rework, work pushed back, the carrier)', async () => {
    const run = await simulate(scenario(), engine!);
    const late = run.truths.filter((truth) => (truth.deliveredOn ?? '') > truth.firstPromise);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((truth) => !Object.values(truth.delayedBy).some((days) => (days ?? 0) > 0))).toEqual(
      [],
    );
  });
});
