/**
 * Supply as sales and the ERP read it: a product as the ERP put it, a SKU's availability and a work
 * center's load over the horizon, the catalogue a page at a time, and the open orders that depend
 * on a SKU or a work center. Reads only.
 */
import type { OrderStatus } from '../../domain/order/status.ts';
import { localDateTime } from '../../domain/promise/calendar.ts';
import {
  availabilityByDay,
  loadByDay,
  type AvailabilityDay,
  type LoadDay,
} from '../../domain/promise/horizon.ts';
import type { IsoDate, Product } from '../../domain/promise/types.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { Page, SupplyReadPorts, WorkCenterRecord } from './ports.ts';

/** Days the console's charts cover: the plant's horizon, at most this many. */
export const CHART_DAYS = 120;

/** Open orders listed on a SKU's or work center's page; the count says how many there are in all. */
export const DEPENDENTS_SHOWN = 50;

/** The product exactly as `PUT /v1/erp/products/{sku}` takes it (the SKU is the path's). */
export type ProductDocument = Omit<Product, 'sku'>;

const productNotFound = (sku: string) => new NotFoundError(`No product ${sku}`, { sku });

export async function productDocument(ports: SupplyReadPorts, sku: string): Promise<ProductDocument> {
  const product = await ports.product(sku);
  if (!product) throw productNotFound(sku);
  const { sku: _sku, ...document } = product;
  return document;
}

/** The plant's today and how many days ahead supply counts. */
async function horizon(ports: SupplyReadPorts): Promise<{ from: IsoDate; days: number }> {
  const plant = await ports.plant();
  return { from: localDateTime(ports.now(), plant.timeZone).date, days: plant.horizonDays };
}

export interface SkuSupply {
  readonly sku: string;
  readonly onHand: number;
  readonly receipts: readonly { date: IsoDate; ref: string; quantity: number }[];
  readonly holds: readonly { orderId: string; date: IsoDate; quantity: number }[];
  readonly horizon: { readonly from: IsoDate; readonly days: number };
  /** Each day the figures change (and the first): what is free to promise from then on. */
  readonly atp: readonly AvailabilityDay[];
  /** Every day of the horizon, for a chart. */
  readonly days: readonly AvailabilityDay[];
}

/** A SKU's stock, receipts, holds and cumulative ATP over the plant's horizon; 404 for no such product. */
export async function skuSupply(ports: SupplyReadPorts, sku: string): Promise<SkuSupply> {
  const [product, stock, window] = await Promise.all([ports.product(sku), ports.stock(sku), horizon(ports)]);
  if (!product) throw productNotFound(sku);
  const days = availabilityByDay(window.from, window.days, stock.onHand, stock.receipts, stock.holds);
  const atp = days.filter((day, index) => index === 0 || day.receipts !== 0 || day.held !== 0);
  return {
    sku,
    onHand: stock.onHand,
    receipts: stock.receipts.map(({ date, ref, quantity }) => ({ date, ref, quantity })),
    holds: stock.holds.map(({ orderId, date, quantity }) => ({ orderId, date, quantity })),
    horizon: window,
    atp,
    days,
  };
}

function checkCursor(ports: SupplyReadPorts, list: 'products' | 'workCenters', cursor?: string) {
  if (cursor !== undefined && !ports.isCursorOf(list, cursor))
    throw new ValidationError('The cursor is not one of this list', [
      { path: 'query.cursor', message: 'pass `nextCursor` of the previous page of the same list unchanged' },
    ]);
}

export async function productList(
  ports: SupplyReadPorts,
  page: { limit: number; cursor?: string },
): Promise<Page<Product>> {
  checkCursor(ports, 'products', page.cursor);
  return ports.productPage(page.limit, page.cursor);
}

export interface WorkCenterLoad {
  readonly id: string;
  readonly hoursByWeekday: WorkCenterRecord['hoursByWeekday'];
  readonly exceptions: WorkCenterRecord['exceptions'];
  /** Days with hours held, over the horizon: capacity against held hours. */
  readonly load: readonly LoadDay[];
}

function loadOf(
  center: WorkCenterRecord,
  plant: Awaited<ReturnType<SupplyReadPorts['plant']>>,
  from: IsoDate,
  days: number,
) {
  return loadByDay(center, plant.plantCalendar, from, days, center.holds);
}

export async function workCenterList(
  ports: SupplyReadPorts,
  page: { limit: number; cursor?: string },
): Promise<Page<WorkCenterLoad>> {
  checkCursor(ports, 'workCenters', page.cursor);
  const [centers, plant] = await Promise.all([ports.workCenterPage(page.limit, page.cursor), ports.plant()]);
  const from = localDateTime(ports.now(), plant.timeZone).date;
  return {
    ...centers,
    items: centers.items.map((center) => ({
      id: center.id,
      hoursByWeekday: center.hoursByWeekday,
      exceptions: center.exceptions,
      load: loadOf(center, plant, from, plant.horizonDays).filter((day) => day.held > 0),
    })),
  };
}

/** A work center's capacity against held hours for each of the next `days` days; 404 for none. */
export async function workCenterLoad(
  ports: SupplyReadPorts,
  id: string,
  days = CHART_DAYS,
): Promise<WorkCenterLoad & { readonly days: readonly LoadDay[] }> {
  const [center, plant] = await Promise.all([ports.workCenter(id), ports.plant()]);
  if (!center) throw new NotFoundError(`No work center ${id}`, { workCenter: id });
  const from = localDateTime(ports.now(), plant.timeZone).date;
  const window = loadOf(center, plant, from, Math.min(days, plant.horizonDays));
  return {
    id,
    hoursByWeekday: center.hoursByWeekday,
    exceptions: center.exceptions,
    load: window.filter((day) => day.held > 0),
    days: window,
  };
}

export interface DependentOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly promisedDate?: IsoDate;
  readonly atRisk: boolean;
}

/**
 * The open orders whose promise depends on a SKU or a work center, soonest promised date first.
 * At most `limit` are read (the index gives ids only, in id order); `total` counts them all.
 */
export async function dependentOrders(
  ports: SupplyReadPorts,
  on: { sku: string } | { workCenter: string },
  limit = DEPENDENTS_SHOWN,
): Promise<{ total: number; orders: DependentOrder[] }> {
  const ids = await ports.dependents(on);
  const orders = await ports.orders(ids.slice(0, limit));
  const bySoonest = (a: DependentOrder, b: DependentOrder) =>
    (a.promisedDate ?? '9999').localeCompare(b.promisedDate ?? '9999') || a.orderId.localeCompare(b.orderId);
  return {
    total: ids.length,
    orders: orders
      .map(({ orderId, customerId, status, promisedDate, atRisk }) => ({
        orderId,
        customerId,
        status,
        ...(promisedDate ? { promisedDate } : {}),
        atRisk,
      }))
      .sort(bySoonest),
  };
}
