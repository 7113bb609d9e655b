/**
 * A SKU's availability and a work center's load, day by day over a horizon: what sales and the
 * ERP see of the supply the engine promises from. Same figures as the engine's (atp.ts, and the
 * capacity of a work-center day), so a chart never disagrees with a date.
 */
import { atpProfile } from './atp.ts';
import { addDays, isoWeekday, isWorkingDay } from './calendar.ts';
import type {
  Calendar,
  CapacityReservation,
  IsoDate,
  ScheduledReceipt,
  StockReservation,
  WorkCenter,
} from './types.ts';

/** Capacity hours of a work-center day: an exception wins, then the plant's calendar, then the weekday. */
export function capacityHoursOn(center: WorkCenter, plantCalendar: Calendar, date: IsoDate): number {
  const exception = center.exceptions[date];
  if (exception !== undefined) return exception;
  if (!isWorkingDay(plantCalendar, date)) return 0;
  return center.hoursByWeekday[isoWeekday(date) as 1] ?? 0;
}

export interface AvailabilityDay {
  readonly date: IsoDate;
  /** Units scheduled to arrive that day. */
  readonly receipts: number;
  /** Units orders hold that day (holds dated before the first day count on it). */
  readonly held: number;
  /** On hand plus receipts minus holds up to and including the day. */
  readonly balance: number;
  /** Free to promise that day with look-ahead: the lowest balance from then on (cumulative ATP). */
  readonly atp: number;
}

/** Every day from `start` for `days` days; a negative balance means holds supply no longer covers. */
export function availabilityByDay(
  start: IsoDate,
  days: number,
  onHand: number,
  receipts: readonly ScheduledReceipt[],
  holds: readonly StockReservation[],
): AvailabilityDay[] {
  const end = addDays(start, days - 1);
  const inHorizon = <T extends { date: IsoDate }>(entries: readonly T[]) =>
    entries.filter((entry) => entry.date <= end);
  const profile = atpProfile(start, onHand, inHorizon(receipts), inHorizon(holds));
  const sumByDay = (entries: readonly { date: IsoDate; quantity: number }[]) => {
    const sums = new Map<IsoDate, number>();
    for (const entry of entries) {
      const day = entry.date < start ? start : entry.date;
      sums.set(day, (sums.get(day) ?? 0) + entry.quantity);
    }
    return sums;
  };
  const arriving = sumByDay(receipts);
  const held = sumByDay(holds);
  const result: AvailabilityDay[] = [];
  let change = 0;
  for (let offset = 0; offset < days; offset += 1) {
    const date = addDays(start, offset);
    while (change + 1 < profile.dates.length && (profile.dates[change + 1] ?? '') <= date) change += 1;
    result.push({
      date,
      receipts: arriving.get(date) ?? 0,
      held: held.get(date) ?? 0,
      balance: profile.cumulative[change] ?? onHand,
      atp: profile.atp[change] ?? onHand,
    });
  }
  return result;
}

export interface LoadDay {
  readonly date: IsoDate;
  readonly capacity: number;
  /** Hours orders hold that day. */
  readonly held: number;
}

/** A work center's capacity against the hours held, every day from `start` for `days` days. */
export function loadByDay(
  center: WorkCenter,
  plantCalendar: Calendar,
  start: IsoDate,
  days: number,
  holds: readonly CapacityReservation[],
): LoadDay[] {
  const held = new Map<IsoDate, number>();
  for (const hold of holds) held.set(hold.date, (held.get(hold.date) ?? 0) + hold.hours);
  return Array.from({ length: days }, (_, offset) => {
    const date = addDays(start, offset);
    return { date, capacity: capacityHoursOn(center, plantCalendar, date), held: held.get(date) ?? 0 };
  });
}
