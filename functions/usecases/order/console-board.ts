import * as orders from '../../adapters/dynamodb/order-repository.ts';
import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import type { Order } from '../../domain/order/types.ts';
import type { OrderStatus } from '../../domain/order/status.ts';

export type Urgency = 'attention' | 'risk' | 'await' | 'none';
export type Tier = 'A' | 'B' | 'C';

export interface BoardFilters {
  readonly status?: OrderStatus;
  readonly atRisk?: boolean;
  readonly customerId?: string;
  readonly tier?: Tier;
  readonly sku?: string;
  /** Created on or after this date (YYYY-MM-DD). */
  readonly from?: string;
  /** Created on or before this date (YYYY-MM-DD). */
  readonly to?: string;
  /** An order number, else a customer id. */
  readonly q?: string;
  readonly cursor?: string;
}

export interface BoardRow {
  readonly orderId: string;
  readonly customerId: string;
  readonly customerName?: string;
  readonly tier?: Tier;
  readonly status: OrderStatus;
  readonly urgency: Urgency;
  readonly atRiskReasons: readonly string[];
  readonly attentionCause?: string;
  readonly promisedDate?: string;
  readonly daysLate: number;
  /** For an order awaiting confirmation: when sales are reminded and the customer's wait escalates. */
  readonly escalatesAt?: string;
  readonly skus: readonly string[];
  readonly createdAt: string;
}

export interface Board {
  /** Every order that needs a person now, most urgent first (first page only). */
  readonly urgent: readonly BoardRow[];
  /** All orders matching the filters, newest first, one page. */
  readonly rows: readonly BoardRow[];
  readonly nextCursor?: string;
}

/** How many orders of each urgent kind the board reads; beyond it the filters narrow the view. */
const URGENT_CAP = 300;
const PAGE_SIZE = 25;
/** Reads of the index per page when filters the index cannot apply (tier, SKU, dates) drop rows. */
const MAX_READS = 6;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function urgencyOf(order: Order): Urgency {
  if (order.status === 'NEEDS_ATTENTION') return 'attention';
  if (order.atRisk) return 'risk';
  if (order.status === 'AWAITING_SALES_CONFIRMATION') return 'await';
  return 'none';
}

const TIER_RANK: Record<Tier, number> = { A: 0, B: 1, C: 2 };
const URGENCY_RANK: Record<Urgency, number> = { attention: 0, risk: 1, await: 2, none: 3 };

/**
 * The board's order of urgency: needs attention (longest waiting first), then at risk (most days
 * late, then the better tier), then awaiting confirmation (nearest escalation first), then the rest.
 */
export function byUrgency(a: BoardRow, b: BoardRow): number {
  const rank = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
  if (rank !== 0) return rank;
  if (a.urgency === 'risk')
    return b.daysLate - a.daysLate || TIER_RANK[a.tier ?? 'C'] - TIER_RANK[b.tier ?? 'C'];
  if (a.urgency === 'await') return (a.escalatesAt ?? '').localeCompare(b.escalatesAt ?? '');
  return a.createdAt.localeCompare(b.createdAt);
}

type CustomerLookup = (customerId: string) => Promise<{ name: string; tier: Tier } | undefined>;

function customerCache(): CustomerLookup {
  const seen = new Map<string, Promise<{ name: string; tier: Tier } | undefined>>();
  return (customerId) => {
    let found = seen.get(customerId);
    if (!found) {
      found = getCustomer(customerId).then((customer) =>
        customer ? { name: customer.name, tier: customer.tier } : undefined,
      );
      seen.set(customerId, found);
    }
    return found;
  };
}

async function toRow(order: Order, customers: CustomerLookup, escalationSeconds: number): Promise<BoardRow> {
  const customer = await customers(order.customerId);
  const urgency = urgencyOf(order);
  const late =
    order.promisedDate && order.firstPromisedDate
      ? daysBetween(order.firstPromisedDate, order.promisedDate)
      : 0;
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    ...(customer ? { customerName: customer.name, tier: customer.tier } : {}),
    status: order.status,
    urgency,
    atRiskReasons: order.atRisk ? (order.atRiskReasons ?? []) : [],
    ...(order.needsAttention ? { attentionCause: order.needsAttention.cause } : {}),
    ...(order.promisedDate ? { promisedDate: order.promisedDate } : {}),
    daysLate: Math.max(0, late),
    ...(urgency === 'await'
      ? { escalatesAt: new Date(Date.parse(order.updatedAt) + escalationSeconds * 1000).toISOString() }
      : {}),
    skus: [...new Set(order.lines.map((line) => line.sku))],
    createdAt: order.createdAt,
  };
}

/** The filters the index cannot apply, checked on each order read. */
function matches(row: BoardRow, filters: BoardFilters): boolean {
  const created = row.createdAt.slice(0, 10);
  return (
    (!filters.status || row.status === filters.status) &&
    (!filters.customerId || row.customerId === filters.customerId) &&
    (!filters.atRisk || row.urgency === 'risk' || row.atRiskReasons.length > 0) &&
    (!filters.tier || row.tier === filters.tier) &&
    (!filters.sku || row.skus.includes(filters.sku)) &&
    (!filters.from || created >= filters.from) &&
    (!filters.to || created <= filters.to)
  );
}

async function readAll(query: orders.OrderListQuery, cap: number): Promise<Order[]> {
  const found: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await orders.listOrders({ ...query, limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor && found.length < cap);
  return found.slice(0, cap);
}

/**
 * The orders board: the urgent orders (read through the status and at-risk indexes, never a scan)
 * sorted by urgency, then one page of all orders newest first. A search for an order number shows
 * that order; any other search is a customer id.
 */
export async function consoleBoard(
  filters: BoardFilters,
  settings: { readonly salesEscalationSeconds: number },
): Promise<Board> {
  const customers = customerCache();
  const row = (order: Order) => toRow(order, customers, settings.salesEscalationSeconds);
  let effective = filters;
  if (filters.q) {
    const order = await orders.getOrder(filters.q);
    if (order) return { urgent: [], rows: [await row(order)] };
    effective = { ...filters, customerId: filters.q };
  }
  let urgent: BoardRow[] = [];
  if (!effective.cursor) {
    const buckets = await Promise.all([
      readAll({ status: 'NEEDS_ATTENTION', limit: 100 }, URGENT_CAP),
      readAll({ atRisk: true, limit: 100 }, URGENT_CAP),
      readAll({ status: 'AWAITING_SALES_CONFIRMATION', limit: 100 }, URGENT_CAP),
    ]);
    const unique = new Map(buckets.flat().map((order) => [order.orderId, order]));
    urgent = (await Promise.all([...unique.values()].map(row)))
      .filter((candidate) => candidate.urgency !== 'none' && matches(candidate, effective))
      .sort(byUrgency);
  }
  const rows: BoardRow[] = [];
  let cursor = effective.cursor;
  for (let read = 0; read < MAX_READS && rows.length < PAGE_SIZE; read++) {
    const page = await orders.listOrders({
      limit: PAGE_SIZE,
      ...(effective.status ? { status: effective.status } : {}),
      ...(effective.customerId ? { customerId: effective.customerId } : {}),
      ...(effective.atRisk ? { atRisk: true } : {}),
      ...(cursor ? { cursor } : {}),
    });
    rows.push(
      ...(await Promise.all(page.orders.map(row))).filter((candidate) => matches(candidate, effective)),
    );
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return cursor ? { urgent, rows, nextCursor: cursor } : { urgent, rows };
}
