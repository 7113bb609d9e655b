import { describe, expect, it } from 'vitest';
import { exposureBucket, ReliabilityModel } from '../../../functions/domain/promise/reliability.ts';

const transport = { key: 'transport:EU', pool: 'transport' };
const supplier = { key: 'supplier:HOUSING-7', pool: 'supplier' };

/** Observes `count` values in the repeating pattern given (deterministic, no randomness). */
function observeMany(
  model: ReliabilityModel,
  risk: typeof transport,
  pattern: readonly number[],
  count: number,
) {
  for (let index = 0; index < count; index += 1)
    model.observe(risk, pattern[index % pattern.length] as number);
}

describe('per-cause reliability model', () => {
  it('gives no buffer before a risk has enough history', () => {
    const model = new ReliabilityModel();
    observeMany(model, transport, [5], 10);
    expect(model.buffer([transport], 0.97)).toBe(0);
  });

  it('covers a carrier late 1 day in 5 % and 2 days in 5 % of shipments: 2 days at P97, none at P90', () => {
    const model = new ReliabilityModel();
    // 18 on time, one 1 day late, one 2 days late, per 20 shipments.
    observeMany(model, transport, [...new Array(18).fill(0), 1, 2], 400);
    expect(model.buffer([transport], 0.97)).toBe(2);
    expect(model.buffer([transport], 0.9)).toBe(0);
  });

  it('adds independent causes on one path: the quantile of their sum, not the sum of their quantiles', () => {
    const model = new ReliabilityModel();
    observeMany(model, transport, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 400); // 10 % one day late
    observeMany(model, supplier, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 400); // 10 % one day late
    // Alone each needs 1 day at P95; together 2 days late only 1 % of the time, so P95 is 1 day.
    expect(model.buffer([transport], 0.95)).toBe(1);
    expect(model.buffer([supplier], 0.95)).toBe(1);
    expect(model.buffer([transport, supplier], 0.95)).toBe(1);
    expect(model.buffer([transport, supplier], 0.995)).toBe(2);
  });

  it('shrinks a thin history toward its pool: one late delivery of a new supplier does not set its buffer alone', () => {
    const model = new ReliabilityModel({ window: 800, shrinkage: 30, minimumPool: 30 });
    const other = { key: 'supplier:BOLT-1', pool: 'supplier' };
    observeMany(model, other, [0], 300);
    model.observe(supplier, 8);
    // Own history alone would say 8 days at any confidence; mixed with 30 on-time pool observations it is 1 in 31.
    expect(model.buffer([supplier], 0.9)).toBe(0);
    observeMany(model, supplier, [8], 100);
    expect(model.buffer([supplier], 0.9)).toBe(8);
  });

  it('forgets what is older than its window, so it follows a plant that got better', () => {
    const model = new ReliabilityModel({ window: 100, shrinkage: 0, minimumPool: 30 });
    observeMany(model, transport, [3], 100);
    expect(model.buffer([transport], 0.97)).toBe(3);
    observeMany(model, transport, [0], 100);
    expect(model.buffer([transport], 0.97)).toBe(0);
  });

  it('buckets production exposure by how long the work waits', () => {
    expect([0, 9, 10, 25, 60].map(exposureBucket)).toEqual(['0-9', '0-9', '10-19', '20-39', '40+']);
  });
});
