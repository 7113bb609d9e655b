import { describe, expect, it } from 'vitest';
import { overCommittedReservations } from '../../../functions/domain/promise/index.ts';

describe('over-commitment', () => {
  it('flags the holds on the days the cumulative balance is below zero, and only those', () => {
    // On hand 10; A holds 8 on the 24th, B 5 on the 25th, C 4 on the 30th; 10 arrive on the 27th.
    // cum: 24th 2, 25th -3, 27th 7, 30th 3. Only B is short (by 3); C is covered again by the receipt.
    const short = overCommittedReservations(
      '2026-11-23',
      10,
      [{ date: '2026-11-27', quantity: 10 }],
      [
        { orderId: 'A', sku: 'BOLT', quantity: 8, date: '2026-11-24' },
        { orderId: 'B', sku: 'BOLT', quantity: 5, date: '2026-11-25' },
        { orderId: 'C', sku: 'BOLT', quantity: 4, date: '2026-11-30' },
      ],
    );
    expect(short).toEqual([{ orderId: 'B', sku: 'BOLT', date: '2026-11-25', quantity: 5, shortQuantity: 3 }]);
  });

  it('flags nothing when supply covers every hold', () => {
    const short = overCommittedReservations(
      '2026-11-23',
      5,
      [{ date: '2026-11-26', quantity: 5 }],
      [
        { orderId: 'A', sku: 'BOLT', quantity: 5, date: '2026-11-24' },
        { orderId: 'B', sku: 'BOLT', quantity: 5, date: '2026-11-26' },
      ],
    );
    expect(short).toEqual([]);
  });

  it('counts a hold dated in the past against today, where it still waits for stock', () => {
    const short = overCommittedReservations(
      '2026-11-23',
      2,
      [],
      [{ orderId: 'late', sku: 'BOLT', quantity: 3, date: '2026-11-20' }],
    );
    expect(short).toEqual([
      { orderId: 'late', sku: 'BOLT', date: '2026-11-20', quantity: 3, shortQuantity: 1 },
    ]);
  });
});
