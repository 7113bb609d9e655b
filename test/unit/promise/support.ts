import type {
  CapacityReservation,
  PlantSettings,
  Product,
  ScheduledReceipt,
  StockReservation,
  SupplySnapshot,
  WorkCenter,
} from '../../../functions/domain/promise/types.ts';

/** Monday 2026-11-23, 08:00 in the plant (UTC), before the 16:00 cut-off. */
export const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };

export const plant = (overrides: Partial<PlantSettings> = {}): PlantSettings => ({
  timeZone: 'UTC',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: weekdays,
  shippingCalendar: weekdays,
  supplierCalendar: weekdays,
  ...overrides,
});

export const stockItem = (sku: string, overrides: Partial<Product> = {}): Product => ({
  sku,
  name: sku,
  kind: 'stock',
  bom: [],
  routing: [],
  unitPrice: 10,
  ...overrides,
});

export const workCenter = (
  id: string,
  hours: number,
  exceptions: Record<string, number> = {},
): WorkCenter => ({
  id,
  hoursByWeekday: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
  exceptions,
});

export function snapshot(parts: {
  products: Product[];
  onHand?: Record<string, number>;
  receipts?: ScheduledReceipt[];
  stockReservations?: StockReservation[];
  workCenters?: WorkCenter[];
  capacityReservations?: CapacityReservation[];
  transitDays?: Record<string, number>;
  plant?: PlantSettings;
}): SupplySnapshot {
  return {
    plant: parts.plant ?? plant(),
    products: new Map(parts.products.map((product) => [product.sku, product])),
    onHand: new Map(Object.entries(parts.onHand ?? {})),
    receipts: parts.receipts ?? [],
    stockReservations: parts.stockReservations ?? [],
    workCenters: new Map((parts.workCenters ?? []).map((center) => [center.id, center])),
    capacityReservations: parts.capacityReservations ?? [],
    transitDays: new Map(Object.entries(parts.transitDays ?? { EU: 0 })),
  };
}

export const request = (
  lines: { sku: string; quantity: number }[],
  overrides: { region?: string; acceptsSplitDelivery?: boolean } = {},
) => ({
  region: overrides.region ?? 'EU',
  lines,
  acceptsSplitDelivery: overrides.acceptsSplitDelivery ?? false,
});
