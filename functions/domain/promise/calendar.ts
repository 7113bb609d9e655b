import type { Calendar, IsoDate } from './types.ts';

const DAY_MS = 86_400_000;

export const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const isoWeekday = (date: IsoDate): number =>
  ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export const isWorkingDay = (calendar: Calendar, date: IsoDate): boolean =>
  calendar.workingWeekdays.includes(isoWeekday(date)) && !calendar.holidays.includes(date);

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

/** Calendar date and `HH:MM` local time of an instant in a time zone. */
export function localDateTime(now: Date, timeZone: string): { date: IsoDate; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
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
