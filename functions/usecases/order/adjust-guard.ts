import { getPromiseRecord } from '../promise/index.ts';
import { localDateTime } from '../../domain/promise/calendar.ts';
import { UnprocessableContentError } from '../../shared/errors.ts';

/** What sales ask for when they adjust a promise. */
export interface Adjustment {
  readonly date: string;
  readonly reason: string;
  /** Why sales promise earlier than the plant can make it; required exactly then. */
  readonly overrideReason?: string;
}

/**
 * The earliest date the engine says the plant can deliver: its latest computation (a re-check after
 * a delay or a supply change), else the latest line of the computed plan. Sales adjustments change
 * the promise's date, never these.
 */
export async function capableDate(orderId: string): Promise<string> {
  const record = await getPromiseRecord(orderId);
  const lineDates = record.promise.result.lines.map((line) => line.date);
  return record.projection?.date ?? lineDates.reduce((a, b) => (a > b ? a : b), record.promise.date);
}

/** Today's date at the plant: a promise is a date in the plant's calendar, not in UTC's. */
export const plantToday = (now: Date, plantTimeZone: string): string =>
  localDateTime(now, plantTimeZone).date;

/**
 * Refuses what sales may not promise, before anything is written:
 * 1. a date before today (422 naming `date`);
 * 2. a date earlier than the capable date without an override reason (422 naming `overrideReason`).
 * Returns whether the adjustment is an override (then the basis says so and the order goes at risk).
 */
export async function guardAdjustment(
  orderId: string,
  adjustment: Adjustment,
  now: Date,
  plantTimeZone: string,
): Promise<{ override: boolean; capable: string }> {
  const today = plantToday(now, plantTimeZone);
  if (adjustment.date < today)
    throw new UnprocessableContentError('A promise cannot be in the past', [
      { path: 'date', message: `must be today (${today}) or later` },
    ]);
  const capable = await capableDate(orderId);
  if (adjustment.date >= capable) return { override: false, capable };
  if (!adjustment.overrideReason?.trim())
    throw new UnprocessableContentError(
      `The plant can deliver on ${capable} at the earliest: promising earlier needs an override reason`,
      [{ path: 'overrideReason', message: `required for a date before ${capable}` }],
    );
  return { override: true, capable };
}
