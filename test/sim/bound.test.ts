import { beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, daysBetween } from '../../functions/domain/promise/calendar.ts';
import type { Calendar } from '../../functions/domain/promise/types.ts';
import { type BoundOrder, boundOrdersOf, GROUPINGS, hindsightBound, outOfSample } from '../../sim/bound.ts';
import { POLICIES } from '../../sim/policies.ts';
import { buildScenario } from '../../sim/scenario.ts';
import { type RunResult, simulate } from '../../sim/simulate.ts';

// Every day a working day: a buffer of b business days adds exactly b days of lead time.
const everyDay: Calendar = { workingWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] };
const start = '2027-03-01';

/** `count` orders of one group, quoted `lead` days ahead, the given share of them `late` days late. */
function orders(group: string, count: number, lead: number, lateShare: number, late: number, day = start) {
  return Array.from({ length: count }, (_, index): BoundOrder => ({
    group,
    arrived: day,
    engineDate: addDays(day, lead),
    lateness: index < Math.round(count * lateShare) ? late : 0,
  }));
}

describe('hindsight bound on group-based buffers', () => {
  it('gives one group the buffer that covers 97 % of its orders and no more', () => {
    const bound = hindsightBound(orders('only', 100, 20, 0.04, 3), everyDay);
    expect(bound.engineOnTime).toBe(0.96);
    expect(bound.engineMedianLead).toBe(20);
    expect(bound.atTarget?.buffers.get('only')).toBe(3);
    expect(bound.atTarget?.medianLead).toBe(23);
    expect(bound.atTarget?.onTime).toBe(1);
    // Within +10 % (22 days) no buffer reaches the late orders.
    expect(bound.withinLimit.onTime).toBe(0.96);
  });

  it('buffers the orders far from the median for free and leaves the median orders bare', () => {
    const all = [
      ...orders('long', 40, 60, 0.1, 5),
      ...orders('middle', 30, 30, 0.1, 5),
      ...orders('short', 30, 10, 0.1, 5),
    ];
    const bound = hindsightBound(all, everyDay);
    expect(bound.engineMedianLead).toBe(30);
    expect(bound.engineOnTime).toBe(0.9);
    expect(bound.atTarget?.medianLead).toBe(30);
    expect(bound.atTarget?.onTime).toBe(0.97);
    expect(bound.atTarget?.buffers.get('long')).toBe(5);
    expect(bound.atTarget?.buffers.get('short')).toBe(5);
    expect(bound.atTarget?.buffers.get('middle')).toBe(0);
  });

  it('checks out of sample: buffers fitted on the first half are judged on the second', () => {
    const half = (day: string) => [
      ...orders('long', 40, 60, 0.1, 5, day),
      ...orders('middle', 30, 30, 0.1, 5, day),
      ...orders('short', 30, 10, 0.1, 5, day),
    ];
    // The second half's middle orders are late twice as often as the first half's.
    const later = half(addDays(start, 100)).map((order, index) =>
      order.group === 'middle' && index % 5 === 0 ? { ...order, lateness: 5 } : order,
    );
    const check = outOfSample([...half(start), ...later], everyDay);
    expect(check?.engineMedianLead).toBe(30);
    expect(check?.medianLead).toBe(30);
    const middleLate = later.filter((order) => order.group === 'middle' && order.lateness > 0).length;
    expect(check?.onTime).toBeCloseTo((100 - middleLate) / 100, 10);
  });
});

describe('hindsight bound on a simulated plant (short horizon)', () => {
  const scenario = () => buildScenario({ seed: 7, orders: 300, days: 30, warmupDays: 10 });
  let run: RunResult;
  let calendar: Calendar;
  beforeAll(async () => {
    run = await simulate(
      scenario(),
      POLICIES.find((policy) => policy.name === 'engine (unbuffered)')!,
    );
    calendar = scenario().makeWorld().plant.shippingCalendar;
  }, 180_000);

  it('reaches 97 % with the buffers it reports, judged again order by order', () => {
    for (const grouping of GROUPINGS) {
      const orders = boundOrdersOf(run.truths, calendar, grouping.key);
      const bound = hindsightBound(orders, calendar);
      const buffers = bound.atTarget?.buffers;
      expect(buffers, grouping.name).toBeDefined();
      const onTime = orders.filter((order) => order.lateness <= (buffers?.get(order.group) ?? 0)).length;
      expect(onTime / orders.length).toBeGreaterThanOrEqual(0.97);
      const leads = orders
        .map((order) =>
          daysBetween(
            order.arrived,
            addBusinessDays(calendar, order.engineDate, buffers?.get(order.group) ?? 0),
          ),
        )
        .sort((a, b) => a - b);
      expect(leads[leads.length >> 1]).toBeLessThanOrEqual(bound.atTarget?.medianLead as number);
    }
  });

  it('never does worse with finer knowledge of the path: more groups, no longer median lead', () => {
    const medians = GROUPINGS.map(
      (grouping) =>
        hindsightBound(boundOrdersOf(run.truths, calendar, grouping.key), calendar).atTarget?.medianLead,
    );
    for (let index = 1; index < medians.length; index += 1)
      expect(medians[index]).toBeLessThanOrEqual(medians[index - 1] as number);
    expect(medians[0]).toBeGreaterThan(
      hindsightBound(boundOrdersOf(run.truths, calendar, GROUPINGS[0]!.key), calendar).engineMedianLead,
    );
  });
});
