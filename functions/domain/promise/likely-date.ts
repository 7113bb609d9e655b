import { businessDaysBetween } from './calendar.ts';
import type { Calendar, IsoDate, VersionedPromise } from './types.ts';

/** The likely date shown beside a promise, and the margin the promise keeps over it. */
export interface LikelyBeside {
  readonly date: IsoDate;
  /** Working days from the likely date to the promised one, on the shipping calendar. */
  readonly marginDays: number;
}

/**
 * What sales see beside a promise: its likely date and the buffer in working days. Counted on the
 * shipping calendar because both are delivery dates; nothing when there is no likely date or it
 * is not earlier than the promise (then there is no margin to show).
 */
export function likelyBeside(
  promise: Pick<VersionedPromise, 'date' | 'likelyDate'>,
  shippingCalendar: Calendar,
): LikelyBeside | undefined {
  const likely = promise.likelyDate;
  if (!likely || likely >= promise.date) return undefined;
  return { date: likely, marginDays: businessDaysBetween(shippingCalendar, likely, promise.date) };
}
