import { describe, expect, it } from 'vitest';
import { decimal, longestClosure } from '../../../functions/shared/schemas/bounds.ts';
import { supplySchema } from '../../../functions/shared/schemas/supply.ts';

describe('the longest closure of a calendar', () => {
  it('is the weekend for a Monday-to-Friday calendar without holidays', () => {
    expect(longestClosure({ workingWeekdays: [1, 2, 3, 4, 5], holidays: [] })).toBe(2);
  });

  it('joins holidays and weekends into one run', () => {
    // Christmas 2026 is a Friday; with Monday 28 to Thursday 31 off, the plant is closed 25-31.
    const holidays = ['2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'];

    expect(longestClosure({ workingWeekdays: [1, 2, 3, 4, 5], holidays })).toBe(7);
  });

  it('judges only well-formed parts, since zod runs it after a field failed its own check', () => {
    expect(() =>
      longestClosure({ workingWeekdays: 'every day', holidays: ['莀󈆔', 7, null, '2026-02-30'] }),
    ).not.toThrow();
  });

  it('lets a calendar with a garbage holiday fail as a 400 of that holiday, not crash', () => {
    const calendar = { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['莀󈆔'] };
    const plant = {
      timeZone: 'UTC',
      dailyCutoff: '16:00',
      horizonDays: 365,
      plantCalendar: calendar,
      shippingCalendar: calendar,
      supplierCalendar: calendar,
    };

    const parsed = supplySchema.safeParse({ plant });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(
      'plant.plantCalendar.holidays.0',
    );
  });
});

describe('bounded decimals', () => {
  it.each([1e308, 2 ** 53, 1e-300, 0.1234567, Number.NaN, Infinity])('refuse %s', (value) => {
    expect(decimal(0, 1e9).safeParse(value).success).toBe(false);
  });

  it.each([0, 0.000001, 12.5, 1e9])('accept %s', (value) => {
    expect(decimal(0, 1e9).safeParse(value).success).toBe(true);
  });
});
