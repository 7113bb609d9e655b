import type { PromiseResult, IsoDate } from '../promise/types.ts';

export interface ConfirmationPolicy {
  /** Orders worth more than this need a person to confirm the promise. */
  readonly orderValueThreshold: number;
}

export interface ConfirmationFacts {
  readonly customerTier: 'A' | 'B' | 'C';
  readonly orderValue: number;
  readonly requestedDate?: IsoDate;
  readonly promise: Pick<PromiseResult, 'date' | 'usedCtp' | 'lines'>;
}

/** Why sales must confirm a promise before the customer sees it; empty when no one needs to. */
export function salesConfirmationReasons(facts: ConfirmationFacts, policy: ConfirmationPolicy): string[] {
  const reasons: string[] = [];
  const lateLine = facts.promise.lines.some((line) => line.requestedDate && line.date > line.requestedDate);
  if (lateLine || (facts.requestedDate && facts.promise.date > facts.requestedDate)) {
    reasons.push('promise is later than the requested date');
  }
  if (facts.promise.usedCtp) reasons.push('capable-to-promise was needed');
  if (facts.orderValue > policy.orderValueThreshold)
    reasons.push('order value is over the confirmation threshold');
  if (facts.customerTier === 'A') reasons.push('tier A customer');
  return reasons;
}

/** Was the delivery on time against the first promise? Dates are plant-local ISO dates. */
export function deliveryPunctuality(
  firstPromisedDate: IsoDate,
  deliveredOn: IsoDate,
): { onTime: boolean; daysLate: number } {
  const days = Math.round((Date.parse(deliveredOn) - Date.parse(firstPromisedDate)) / 86_400_000);
  return { onTime: days <= 0, daysLate: Math.max(0, days) };
}
