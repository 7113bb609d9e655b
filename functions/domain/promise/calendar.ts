import type { Calendar, IsoDate } from './types.ts';

const DAY_MS = 86_400_000;
/** Bounds the date caches below; a promise touches a few hundred distinct dates at most. */
const CACHE_LIMIT = 50_000;

// Scheduling walks day by day, so date arithmetic runs thousands of times per promise: day numbers
// (days since 1970-01-01) and their ISO strings are parsed and formatted once each, then cached.
const dayNumbers = new Map<IsoDate, number>();
const isoDates = new Map<number, IsoDate>();

function dayNumber(date: IsoDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    if (Number.isNaN(day)) throw new RangeError(`Not a date: ${date}`);
    if (dayNumbers.size > CACHE_LIMIT) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

function isoDate(day: number): IsoDate {
  let date = isoDates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoDates.size > CACHE_LIMIT) isoDates.clear();
    isoDates.set(day, date);
  }
  return date;
}

export const addDays = (date: IsoDate, days: number): IsoDate => isoDate(dayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** ISO weekday: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekday = (date: IsoDate): number => ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;

const holidaySets = new WeakMap<readonly IsoDate[], ReadonlySet<IsoDate>>();

function holidaysOf(calendar: Calendar): ReadonlySet<IsoDate> {
  let holidays = holidaySets.get(calendar.holidays);
  if (!holidays) {
    holidays = new Set(calendar.holidays);
    holidaySets.set(calendar.holidays, holidays);
  }
  return holidays;
}

export const isWorkingDay = (calendar: Calendar, date: IsoDate): boolean =>
  calendar.workingWeekdays.includes(isoWeekday(date)) && !holidaysOf(calendar).has(date);

/** The first working day on or after `date`. */
export function onOrNextWorkingDay(calendar: Calendar, date: IsoDate): IsoDate {
  let day = date;
  for (let guard = 0; !isWorkingDay(calendar, day); guard += 1) {
    if (guard > 366) throw new Error('Calendar has no working day within a year');
    day = addDays(day, 1);
  }
  return day;
}

/** `days` working days after `date` (0 = the date itself, moved to a working day). */
export function addBusinessDays(calendar: Calendar, date: IsoDate, days: number): IsoDate {
  let day = onOrNextWorkingDay(calendar, date);
  for (let left = days; left > 0; left -= 1) day = onOrNextWorkingDay(calendar, addDays(day, 1));
  return day;
}

/** Building an Intl formatter costs far more than using one, so there is one per time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(calendar: Calendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
    if (isWorkingDay(calendar, day)) count += 1;
  return count;
}

/** Calendar date and `HH:MM` local time of an instant in a time zone. */
export function localDateTime(now: Date, timeZone: string): { date: IsoDate; time: string } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The day an order entered now counts from: today in the plant's time zone, or the next working
 * day when it is a non-working day or the daily cut-off has passed.
 */
export function orderCountsFrom(
  now: Date,
  timeZone: string,
  cutoff: string,
  calendar: Calendar,
): { today: IsoDate; countsFrom: IsoDate } {
  const { date, time } = localDateTime(now, timeZone);
  const start = time >= cutoff ? addDays(date, 1) : date;
  return { today: date, countsFrom: onOrNextWorkingDay(calendar, start) };
}
