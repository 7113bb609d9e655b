import type { BasisEntry } from './types.ts';

/**
 * Kinds of basis entry that can hold a date back. Production counts too: when the work centers
 * need days after the material is in, capacity is what sets the date, and the production entry
 * names the work center and the days.
 */
const CONSTRAINTS = new Set<BasisEntry['kind']>([
  'stock-available',
  'awaiting-receipt',
  'purchase-lead-time',
  'capacity',
  'production-complete',
  'reported-delay',
  'carrier-estimate',
]);

/**
 * Index of the entry that sets the date: the constraint with the latest date. On a tie the first
 * wins, since the basis lists causes before their effects (a full work center before the production
 * it delays, a receipt before the same-day production that waited for it, a reported delay first).
 */
export function bindingConstraint(basis: readonly BasisEntry[]): number | undefined {
  let found: number | undefined;
  let latest = '';
  basis.forEach((entry, index) => {
    if (!CONSTRAINTS.has(entry.kind) || !('date' in entry)) return;
    if (found === undefined || entry.date > latest) {
      found = index;
      latest = entry.date;
    }
  });
  return found;
}
