import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeHoldEntries,
  encodeHoldEntries,
} from '../../../functions/adapters/dynamodb/entities/supply.ts';

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('hold entries stored as one string', () => {
  it('reads back exactly what was written, fractional hours included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: isoDate, amount: fc.double({ min: 1e-6, max: 1e9, noNaN: true }) })),
        (entries) => {
          expect(decodeHoldEntries(encodeHoldEntries(entries))).toEqual(entries);
        },
      ),
    );
  });

  it('has the documented form', () => {
    const entries = [
      { date: '2026-12-01', amount: 7.5 },
      { date: '2026-12-02', amount: 1 / 3 },
    ];
    expect(encodeHoldEntries(entries)).toBe('2026-12-01=7.5,2026-12-02=0.3333333333333333');
    expect(decodeHoldEntries('')).toEqual([]);
  });

  it('still reads holds stored as a list of maps by earlier versions', () => {
    expect(decodeHoldEntries([{ date: '2026-12-01', amount: 4 }])).toEqual([
      { date: '2026-12-01', amount: 4 },
    ]);
  });
});
