// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { isWorkingDay, addDays } from '../../domain/promise/calendar.ts';

/**
 * The ranges every stored value must lie in, so the promise engine and DynamoDB never meet a value
 * they cannot handle. DynamoDB numbers hold 38 significant digits between 1e-130 and 1e126; the
 * engine adds and multiplies quantities, so they stay far below 2^53 with a fixed precision.
 */
export const LIMITS = {
  /** Stock, receipts and other quantities: a billion units is beyond any plant. */
  quantity: 1_000_000_000,
  /** Decimal places kept in quantities, hours and prices: 1e-300 would be a rounding error, not data. */
  decimals: 6,
  /** Prices in the order currency. */
  price: 1_000_000_000,
  /** Hours per unit or setup on a work center. */
  hours: 10_000,
  /** Dates the product plans with: a date outside is a typo (9999-12-31), not a plan. */
  firstDate: '2000-01-01',
  lastDate: '2099-12-31',
  /** The engine looks at most this far for a working day (domain/promise/calendar.ts). */
  longestClosureDays: 365,
} as const;

/** A status for a schema issue that is well-formed but out of range: the HTTP layer answers 422. */
export const UNPROCESSABLE = { status: 422 } as const;

/**
 * A finite number in [min, max] with at most LIMITS.decimals decimal places. The description says
 * so, and the JSON schema carries `minimum`/`maximum`, so integrators read the same bound.
 */
export function decimal(min: number, max: number, what = 'a number', options: { aboveMin?: boolean } = {}) {
  return (options.aboveMin ? z.number().gt(min) : z.number().min(min))
    .max(max)
    .refine((value) => Number(value.toFixed(LIMITS.decimals)) === value, {
      message: `at most ${LIMITS.decimals} decimal places`,
    })
    .describe(
      `${what} ${options.aboveMin ? 'above' : 'from'} ${min} to ${max}, at most ${LIMITS.decimals} decimal places`,
    );
}

/** A calendar date YYYY-MM-DD within the years the product plans in. */
export const boundedDate = z.iso
  .date()
  .refine((date) => date >= LIMITS.firstDate && date <= LIMITS.lastDate, {
    message: `a date from ${LIMITS.firstDate} to ${LIMITS.lastDate}`,
    params: UNPROCESSABLE,
  })
  .describe(`Calendar date YYYY-MM-DD, from ${LIMITS.firstDate} to ${LIMITS.lastDate}`);

/** An ISO date-time with offset within the same years. */
export const boundedDateTime = z.iso
  .datetime({ offset: true })
  .refine(
    (value) => {
      const time = Date.parse(value);
      return time >= Date.parse(`${LIMITS.firstDate}T00:00:00Z`) && time < Date.parse('2100-01-01T00:00:00Z');
    },
    { message: `a time from ${LIMITS.firstDate} to ${LIMITS.lastDate}`, params: UNPROCESSABLE },
  )
  .describe(`ISO 8601 date-time with offset, from ${LIMITS.firstDate} to ${LIMITS.lastDate}`);

export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name that this runtime knows (Europe/Berlin, UTC, ...). */
export const ianaTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, 'an IANA time zone such as Europe/Berlin')
  .describe('IANA time zone, e.g. Europe/Berlin');

/**
 * The longest run of consecutive non-working days of a calendar: weekdays off plus holidays. Only
 * the holidays can make it longer than a week, so it is enough to walk from the first to the last.
 * Zod runs this even when a field failed its own check, so it judges only the well-formed parts.
 */
export function longestClosure(calendar: {
  readonly workingWeekdays: unknown;
  readonly holidays: unknown;
}): number {
  const weekdays = Array.isArray(calendar.workingWeekdays) ? (calendar.workingWeekdays as unknown[]) : [];
  const working = [...new Set(weekdays)].filter(
    (day): day is number => Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 7,
  );
  if (!working.length) return Infinity;
  const holidays = (Array.isArray(calendar.holidays) ? (calendar.holidays as unknown[]) : [])
    .filter(
      (date): date is string =>
        typeof date === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(date) &&
        date >= LIMITS.firstDate &&
        date <= LIMITS.lastDate &&
        !Number.isNaN(Date.parse(date)),
    )
    .sort();
  if (!holidays.length) return 7 - working.length;
  const clean = { workingWeekdays: working, holidays };
  let longest = 0;
  let run = 0;
  const last = addDays(holidays[holidays.length - 1]!, 8);
  for (let day = addDays(holidays[0]!, -8); day <= last; day = addDays(day, 1)) {
    run = isWorkingDay(clean, day) ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return longest;
}
