import type { BasisEntry } from '../promise/types.ts';

/** The causes a customer is told about: categories, never the plant's internal text. */
export const CAUSE_CATEGORIES = ['material', 'capacity', 'transport', 'quality'] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

const STAGE_CATEGORY: Record<string, CauseCategory> = {
  MATERIALS_READY: 'material',
  PRODUCTION_STARTED: 'capacity',
  PRODUCTION_COMPLETED: 'capacity',
  SHIPPED: 'transport',
  DELIVERED: 'transport',
};

const KIND_CATEGORY: Record<BasisEntry['kind'], CauseCategory> = {
  'stock-available': 'material',
  'awaiting-receipt': 'material',
  'purchase-lead-time': 'material',
  'material-ready': 'material',
  capacity: 'capacity',
  'production-complete': 'capacity',
  'order-cutoff': 'capacity',
  transit: 'transport',
  'carrier-estimate': 'transport',
  'reported-delay': 'capacity',
};

export interface CustomerCause {
  /** Words the plant wrote for customers (DELAY_REPORTED `customerNote`), when it wrote any. */
  readonly note?: string;
  readonly categories: readonly CauseCategory[];
}

/**
 * What a customer may learn about why a date moved: the plant's customer note if one was given,
 * else the categories of the entries that set the date. ERP reasons, SKUs and work centers stay inside.
 */
export function customerCause(basis: readonly BasisEntry[]): CustomerCause {
  const telling = basis.filter(
    (entry) => !['stock-available', 'transit', 'material-ready', 'production-complete'].includes(entry.kind),
  );
  const entries = telling.length ? telling : basis;
  const categories = new Set<CauseCategory>();
  let note: string | undefined;
  for (const entry of entries) {
    if (entry.kind === 'reported-delay') {
      note ??= entry.customerNote;
      categories.add(entry.category ?? STAGE_CATEGORY[entry.stage] ?? 'capacity');
    } else categories.add(KIND_CATEGORY[entry.kind]);
  }
  return { ...(note ? { note } : {}), categories: [...categories] };
}

/** The category of a reported delay, as the ERP gave it or as its stage implies. */
export const delayCategory = (data: { stage?: unknown; category?: unknown }): CauseCategory =>
  (CAUSE_CATEGORIES as readonly unknown[]).includes(data.category)
    ? (data.category as CauseCategory)
    : (STAGE_CATEGORY[String(data.stage)] ?? 'capacity');
