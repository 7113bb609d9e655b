import { SupplyDataError, ValidationError } from '../../shared/errors.ts';
import { addBusinessDays, orderCountsFrom } from './calendar.ts';
import { planLinesTogether, sharesWithEarlierLine } from './joint.ts';
import { Planner, releaseCurrentIndex } from './planner.ts';
import type {
  BasisEntry,
  IsoDate,
  LinePromise,
  PromiseRequest,
  PromiseResult,
  Shipment,
  SupplySnapshot,
} from './types.ts';

/**
 * Computes the promise for a request on a snapshot of supply. Lines are promised in order, each
 * against what the earlier lines of the same order already take, so one order never counts a unit
 * or an hour twice. Pure: no clock but `now`, no I/O.
 */
export function computePromise(request: PromiseRequest, snapshot: SupplySnapshot, now: Date): PromiseResult {
  try {
    return promiseOn(request, snapshot, now);
  } finally {
    releaseCurrentIndex();
  }
}

function promiseOn(request: PromiseRequest, snapshot: SupplySnapshot, now: Date): PromiseResult {
  for (const [index, line] of request.lines.entries()) {
    if (!(line.quantity > 0))
      throw new ValidationError('Quantity must be positive', [
        { path: `lines.${index}.quantity`, message: 'must be positive' },
      ]);
  }
  const transitDays = snapshot.transitDays.get(request.region);
  if (transitDays === undefined)
    throw new SupplyDataError(`No transit time to region ${request.region}`, { region: request.region });
  const plant = snapshot.plant;
  const { today, countsFrom } = orderCountsFrom(now, plant.timeZone, plant.dailyCutoff, plant.plantCalendar);
  const planner = new Planner(snapshot, countsFrom, request.orderId);
  const skus = new Set<string>();
  const workCenters = new Set<string>();

  const ordered = request.lines.map((line) => ({
    product: planner.product(line.sku),
    quantity: line.quantity,
  }));
  // An order shipped whole waits for its last line: lines that draw on the same supply are
  // allocated together, or more supply could make the order later (see joint.ts).
  const shared = request.acceptsSplitDelivery ? [] : sharesWithEarlierLine(snapshot, ordered);
  // Whether each line is planned as it would be alone: a line sharing nothing with the lines
  // before it is, and so is one whose shared items and work centers they left untouched.
  const plannedAlone: boolean[] = [];
  let plans = ordered.map((line, index) => {
    plannedAlone[index] = !shared[index] || !planner.hasTouchedSupplyOf(line.product);
    return planner.promiseLine(line.product, line.quantity, skus, workCenters, request.acceptsSplitDelivery);
  });
  let binding: number | undefined;
  if (shared.some(Boolean)) {
    const context = { snapshot, start: countsFrom, orderId: request.orderId, skus, workCenters };
    const together = planLinesTogether(context, ordered, plans, plannedAlone);
    plans = [...together.plans];
    binding = together.binding;
  }

  const lines: LinePromise[] = request.lines.map((line, index) => {
    const promise = plans[index] as (typeof plans)[number];
    const delivery = addBusinessDays(plant.shippingCalendar, promise.ready.date, transitDays);
    const transit: BasisEntry = {
      kind: 'transit',
      region: request.region,
      businessDays: transitDays,
      date: delivery,
    };
    const basis: BasisEntry[] = [
      ...(countsFrom !== today ? [{ kind: 'order-cutoff' as const, countsFrom }] : []),
      ...promise.ready.basis,
      transit,
    ];
    const splitOffer = promise.partial
      ? [
          {
            quantity: promise.partial.quantity,
            date: addBusinessDays(plant.shippingCalendar, promise.partial.date, transitDays),
          },
          { quantity: line.quantity - promise.partial.quantity, date: delivery },
        ]
      : undefined;
    return {
      sku: line.sku,
      quantity: line.quantity,
      ...(line.requestedDate ? { requestedDate: line.requestedDate } : {}),
      date: delivery,
      method: promise.method,
      ...(splitOffer ? { splitOffer } : {}),
      basis,
      stockToReserve: promise.stock,
      capacityToReserve: promise.capacity,
      supplyPath: promise.supplyPath,
    };
  });

  const latest =
    (binding === undefined ? undefined : lines[binding]) ?? lines.reduce((a, b) => (b.date > a.date ? b : a));
  const shipments = request.acceptsSplitDelivery ? groupShipments(lines) : undefined;
  return {
    date: shipments ? (shipments.at(-1)?.date ?? latest.date) : latest.date,
    lines,
    ...(shipments ? { shipments } : {}),
    basis: latest.basis,
    usedCtp: lines.some((line) => line.method === 'CTP'),
    dependsOn: { skus: [...skus].sort(), workCenters: [...workCenters].sort() },
    computedAt: now.toISOString(),
  };
}

function groupShipments(lines: readonly LinePromise[]): Shipment[] {
  const byDate = new Map<IsoDate, number>();
  for (const line of lines) {
    for (const shipment of line.splitOffer ?? [{ quantity: line.quantity, date: line.date }]) {
      byDate.set(shipment.date, (byDate.get(shipment.date) ?? 0) + shipment.quantity);
    }
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, quantity]) => ({ date, quantity }));
}
