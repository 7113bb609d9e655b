import { describe, expect, it } from 'vitest';
import { AggregateBuffer } from '../../sim/aggregate-buffer.ts';
import { POLICIES } from '../../sim/policies.ts';
import { buildScenario } from '../../sim/scenario.ts';
import { simulate } from '../../sim/simulate.ts';

/** A path on time with probability `onTime`, otherwise late 1..days business days, equally likely. */
const tail = (onTime: number, days: number) => [onTime, ...new Array<number>(days).fill((1 - onTime) / days)];
const covered = (distribution: readonly number[], buffer: number) =>
  distribution.slice(0, buffer + 1).reduce((sum, p) => sum + p, 0);

describe('per-order buffers to an aggregate on-time target', () => {
  it('covers a path whose next day buys much probability, not a thin tail whose days each buy less than lambda', () => {
    const chooser = new AggregateBuffer({ cost: 'linear', onTime: 0.975 });
    expect(chooser.lambda).toBeCloseTo(0.01, 10);
    // One day covers 10 %: worth it. Ten days covering 0.8 % each: none is.
    expect(chooser.choose([0.9, 0.1], (buffer) => 20 + buffer)).toBe(1);
    expect(chooser.choose(tail(0.92, 10), (buffer) => 20 + buffer)).toBe(0);
  });

  it('adapts lambda until the predicted on-time share of recent quotes is the target', () => {
    const chooser = new AggregateBuffer({ cost: 'linear', onTime: 0.975 });
    const paths = [tail(0.6, 20), tail(0.9, 4), tail(0.99, 1), tail(0.75, 12)];
    const predicted: number[] = [];
    for (let quote = 0; quote < 6000; quote += 1) {
      const path = paths[quote % paths.length] as number[];
      predicted.push(
        covered(
          path,
          chooser.choose(path, (buffer) => 30 + buffer),
        ),
      );
    }
    const recent = predicted.slice(-2000);
    expect(recent.reduce((sum, p) => sum + p, 0) / recent.length).toBeCloseTo(0.975, 2);
  });

  it('keeps half of the quotes within the median limit and gives the others full cover', () => {
    const chooser = new AggregateBuffer({ cost: 'median', medianLeadLimit: 0.09, dayCost: 0.001 });
    const path = tail(0.8, 4);
    const engineLeads = Array.from({ length: 6000 }, (_, quote) => 20 + ((quote * 37) % 60));
    const quoted = engineLeads.map((lead) => ({
      lead,
      buffer: chooser.choose(path, (buffer) => lead + buffer),
    }));
    const sortedEngine = [...engineLeads].sort((a, b) => a - b);
    const limit = Math.floor((sortedEngine[sortedEngine.length >> 1] as number) * 1.09);
    const leads = quoted.map(({ lead, buffer }) => lead + buffer).sort((a, b) => a - b);
    expect(leads[leads.length >> 1]).toBeLessThanOrEqual(limit);
    // Far above the limit and far below it, a day of buffer costs nothing against the median
    // (a day of margin: the limit moves by one as the median of the quotes so far does).
    const recent = quoted.slice(-1000);
    expect(recent.filter(({ lead }) => lead > limit + 1).every(({ buffer }) => buffer === 4)).toBe(true);
    expect(recent.filter(({ lead }) => lead + 4 < limit).every(({ buffer }) => buffer === 4)).toBe(true);
    // Quotes just under the limit cross it only while fewer than 47 % of all quotes are past it.
    const past = leads.filter((lead) => lead > limit).length / leads.length;
    expect(past).toBeGreaterThan(0.44);
    expect(past).toBeLessThanOrEqual(0.48);
    const near = recent.filter(({ lead }) => lead <= limit && lead + 4 > limit);
    expect(near.some(({ lead, buffer }) => lead + buffer <= limit)).toBe(true);
    expect(near.some(({ lead, buffer }) => lead + buffer > limit)).toBe(true);
  });
});

describe('aggregate policies in the simulated plant (short horizon)', () => {
  const scenario = () => buildScenario({ seed: 7, orders: 300, days: 30 });
  const aggregates = POLICIES.filter((policy) => policy.aggregate);

  it('runs each aggregate policy to the end: every order delivered, hours never over-booked, buffers given', async () => {
    expect(aggregates.map((policy) => policy.aggregate?.cost)).toEqual(['linear', 'median']);
    for (const policy of aggregates) {
      const run = await simulate(scenario(), policy);
      expect(run.invariants.unfinished).toEqual([]);
      expect(run.invariants.capacityViolations).toEqual([]);
      expect(run.truths.some((truth) => truth.buffer > 0)).toBe(true);
      for (const truth of run.truths) expect(truth.firstPromise >= truth.engineDate).toBe(true);
    }
  }, 180_000);
});
