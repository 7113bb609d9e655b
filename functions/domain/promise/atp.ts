import type { IsoDate, StockReservation } from './types.ts';

export interface Movement {
  readonly date: IsoDate;
  readonly quantity: number;
  readonly ref?: string;
}

export interface AtpProfile {
  /** Dates at which the balance changes, ascending; the first is the start date. */
  readonly dates: readonly IsoDate[];
  /** Cumulative balance at each date. */
  readonly cumulative: readonly number[];
  /** Quantity free at each date with look-ahead: the lowest cumulative balance from then on. Never decreases. */
  readonly atp: readonly number[];
}

/**
 * Time-phased cumulative ATP with look-ahead:
 * cum[d] = onHand + Σ_{k≤d}(receipts[k] − reservations[k]) and atp[d] = min over k ≥ d of cum[k].
 * Taking the minimum over the whole future (not stopping at the first recovery) keeps a quantity
 * that a later reservation needs from being promised earlier to someone else.
 */
export function atpProfile(
  start: IsoDate,
  onHand: number,
  receipts: readonly Movement[],
  reservations: readonly Movement[],
): AtpProfile {
  const deltas = new Map<IsoDate, number>();
  const add = (date: IsoDate, quantity: number) => {
    const day = date < start ? start : date;
    deltas.set(day, (deltas.get(day) ?? 0) + quantity);
  };
  add(start, 0);
  for (const receipt of receipts) add(receipt.date, receipt.quantity);
  for (const reservation of reservations) add(reservation.date, -reservation.quantity);
  const dates = [...deltas.keys()].sort();
  const cumulative: number[] = [];
  let balance = onHand;
  for (const date of dates) {
    balance += deltas.get(date) ?? 0;
    cumulative.push(balance);
  }
  const atp = [...cumulative];
  for (let index = atp.length - 2; index >= 0; index -= 1)
    atp[index] = Math.min(atp[index] ?? 0, atp[index + 1] ?? 0);
  return { dates, cumulative, atp };
}

/** Earliest date at which `quantity` is free, by binary search over the non-decreasing ATP; undefined if never. */
export function earliestDateFor(profile: AtpProfile, quantity: number): IsoDate | undefined {
  let low = 0;
  let high = profile.atp.length - 1;
  if (high < 0 || (profile.atp[high] ?? -Infinity) < quantity) return undefined;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((profile.atp[middle] ?? -Infinity) >= quantity) high = middle;
    else low = middle + 1;
  }
  return profile.dates[low];
}

/** Quantity free on a date (the ATP of the last change on or before it). */
export function freeOn(profile: AtpProfile, date: IsoDate): number {
  let free = 0;
  for (let index = 0; index < profile.dates.length && (profile.dates[index] ?? '') <= date; index += 1)
    free = profile.atp[index] ?? 0;
  return Math.max(0, free);
}

/** True when existing commitments exceed supply at some date: promises already made are at risk. */
export const isOverCommitted = (profile: AtpProfile): boolean =>
  profile.cumulative.some((balance) => balance < 0);

/** A confirmed order's hold that supply can no longer cover: the order is at risk. */
export interface OverCommitment {
  readonly orderId: string;
  readonly sku: string;
  readonly date: IsoDate;
  readonly quantity: number;
  /** How far the cumulative balance is below zero on the reservation's date. */
  readonly shortQuantity: number;
}

/**
 * The reservations of one SKU that supply no longer covers. Stock goes to holds in date order, so a
 * hold is short exactly when the cumulative balance is below zero on its date (all holds of that
 * date are flagged: which of them gets the last units is not decided here). Holds on later days
 * where the balance has recovered are covered and are not flagged.
 */
export function overCommittedReservations(
  start: IsoDate,
  onHand: number,
  receipts: readonly Movement[],
  reservations: readonly StockReservation[],
): OverCommitment[] {
  const profile = atpProfile(start, onHand, receipts, reservations);
  const balanceOn = new Map(profile.dates.map((date, index) => [date, profile.cumulative[index] ?? 0]));
  return reservations.flatMap((reservation) => {
    const balance = balanceOn.get(reservation.date < start ? start : reservation.date) ?? 0;
    return balance < 0
      ? [
          {
            orderId: reservation.orderId,
            sku: reservation.sku,
            date: reservation.date,
            quantity: reservation.quantity,
            shortQuantity: -balance,
          },
        ]
      : [];
  });
}
