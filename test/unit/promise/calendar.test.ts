import { describe, expect, it } from 'vitest';
import { addBusinessDays, orderCountsFrom } from '../../../functions/domain/promise/index.ts';

const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25'] };

describe('calendars', () => {
  it('adds business days over a weekend and a holiday', () => {
    // Thu 24 Dec + 2: Fri 25 is a holiday, Sat/Sun are off -> Mon 28, Tue 29.
    expect(addBusinessDays(weekdays, '2026-12-24', 2)).toBe('2026-12-29');
  });

  it('moves zero business days from a non-working day to the next working day', () => {
    expect(addBusinessDays(weekdays, '2026-12-26', 0)).toBe('2026-12-28');
  });

  it("takes today in the plant's time zone, not in UTC", () => {
    // 23:30 UTC on Monday is already Tuesday 07:30 in Shanghai.
    const { today, countsFrom } = orderCountsFrom(
      new Date('2026-11-23T23:30:00Z'),
      'Asia/Shanghai',
      '16:00',
      weekdays,
    );
    expect(today).toBe('2026-11-24');
    expect(countsFrom).toBe('2026-11-24');
  });

  it('counts an order after the cut-off on Friday from Monday', () => {
    // Friday 27 Nov, 17:05 in Berlin (16:05 UTC), cut-off 17:00.
    const { today, countsFrom } = orderCountsFrom(
      new Date('2026-11-27T16:05:00Z'),
      'Europe/Berlin',
      '17:00',
      weekdays,
    );
    expect(today).toBe('2026-11-27');
    expect(countsFrom).toBe('2026-11-30');
  });

  it('counts an order just before the cut-off from today', () => {
    const { countsFrom } = orderCountsFrom(
      new Date('2026-11-27T15:59:00Z'),
      'Europe/Berlin',
      '17:00',
      weekdays,
    );
    expect(countsFrom).toBe('2026-11-27');
  });
});
