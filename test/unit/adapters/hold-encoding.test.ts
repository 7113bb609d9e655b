import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeHolds,
  decodeLegacyHold,
  encodeHolds,
} from '../../../functions/adapters/dynamodb/entities/supply.ts';

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const entry = fc.record({ date: isoDate, amount: fc.double({ min: 1e-6, max: 1e9, noNaN: true }) });
const orderId = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);

describe("a partition's holds stored as one string", () => {
  it('read back exactly as written, fractional hours included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(orderId, fc.array(entry, { minLength: 1 })), { selector: ([id]) => id }),
        (holds) => {
          expect([...decodeHolds(encodeHolds(new Map(holds)))]).toEqual(holds);
        },
      ),
    );
  });

  it('has the documented form, and an order without entries is left out', () => {
    const holds = new Map([
      ['ord_a', [{ date: '2026-12-01', amount: 7.5 }]],
      ['ord_b', []],
      [
        'ord_c',
        [
          { date: '2026-12-02', amount: 1 / 3 },
          { date: '2026-12-03', amount: 2 },
        ],
      ],
    ]);
    expect(encodeHolds(holds)).toBe('ord_a:2026-12-01=7.5;ord_c:2026-12-02=0.3333333333333333,2026-12-03=2');
    expect(decodeHolds(undefined).size).toBe(0);
    expect(decodeHolds('').size).toBe(0);
  });

  it('refuses a holds string it cannot read instead of guessing', () => {
    expect(() => decodeHolds('2026-12-01=4')).toThrow(TypeError);
    expect(() => decodeHolds(['ord_a'])).toThrow(TypeError);
  });

  it('refuses an order id that would break the format instead of storing a wrong hold', () => {
    expect(() => encodeHolds(new Map([['ord;1', [{ date: '2026-12-01', amount: 1 }]]]))).toThrow(RangeError);
  });

  it('still reads the per-order attributes of earlier versions (list of maps or string)', () => {
    expect(decodeLegacyHold([{ date: '2026-12-01', amount: 4 }])).toEqual([
      { date: '2026-12-01', amount: 4 },
    ]);
    expect(decodeLegacyHold('2026-12-01=4,2026-12-02=1.5')).toEqual([
      { date: '2026-12-01', amount: 4 },
      { date: '2026-12-02', amount: 1.5 },
    ]);
  });
});
