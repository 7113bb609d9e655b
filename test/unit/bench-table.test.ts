import { describe, expect, it } from 'vitest';
import { percentile, printTable } from '../bench/table.ts';

describe('benchmark tables', () => {
  it('takes the nearest-rank percentile of sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
  });

  it('prints a Markdown table with aligned columns', () => {
    const text = printTable({ title: 'T', columns: ['case', 'p99'], rows: [['one', '1.00 ms']] });
    expect(text).toContain('| case | p99     |');
    expect(text).toContain('| one  | 1.00 ms |');
  });
});
