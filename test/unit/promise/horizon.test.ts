import { describe, expect, it } from 'vitest';
import { availabilityByDay, loadByDay } from '../../../functions/domain/promise/horizon.ts';
import { plant, workCenter } from './support.ts';

describe("a SKU's availability per day", () => {
  it('counts receipts and holds on their day and gives the cumulative ATP with look-ahead', () => {
    const days = availabilityByDay(
      '2026-11-23',
      5,
      10,
      [{ sku: 'S', quantity: 5, date: '2026-11-25', ref: 'PO-1' }],
      [
        { orderId: 'a', sku: 'S', quantity: 4, date: '2026-11-20' },
        { orderId: 'b', sku: 'S', quantity: 9, date: '2026-11-26' },
      ],
    );

    expect(days).toEqual([
      // The hold dated before today counts today.
      { date: '2026-11-23', receipts: 0, held: 4, balance: 6, atp: 2 },
      { date: '2026-11-24', receipts: 0, held: 0, balance: 6, atp: 2 },
      { date: '2026-11-25', receipts: 5, held: 0, balance: 11, atp: 2 },
      { date: '2026-11-26', receipts: 0, held: 9, balance: 2, atp: 2 },
      { date: '2026-11-27', receipts: 0, held: 0, balance: 2, atp: 2 },
    ]);
  });

  it('shows a balance below zero when holds exceed supply (over-committed)', () => {
    const [today] = availabilityByDay(
      '2026-11-23',
      1,
      3,
      [],
      [{ orderId: 'a', sku: 'S', quantity: 5, date: '2026-11-23' }],
    );

    expect(today).toMatchObject({ balance: -2, atp: -2 });
  });
});

describe("a work center's load per day", () => {
  it('sets capacity by weekday, plant holidays and exceptions against the hours held', () => {
    const center = workCenter('WC', 8, { '2026-11-24': 12 });
    const calendar = plant({
      plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-11-25'] },
    }).plantCalendar;

    const days = loadByDay(center, calendar, '2026-11-23', 7, [
      { orderId: 'a', workCenter: 'WC', date: '2026-11-24', hours: 10 },
      { orderId: 'b', workCenter: 'WC', date: '2026-11-24', hours: 3 },
    ]);

    expect(days.map((day) => [day.date, day.capacity, day.held])).toEqual([
      ['2026-11-23', 8, 0],
      ['2026-11-24', 12, 13],
      ['2026-11-25', 0, 0],
      ['2026-11-26', 8, 0],
      ['2026-11-27', 8, 0],
      ['2026-11-28', 0, 0],
      ['2026-11-29', 0, 0],
    ]);
  });
});
