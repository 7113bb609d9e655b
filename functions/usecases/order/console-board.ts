import { salesEscalationDeadline } from '../../domain/order/escalation.ts';
import type { OrderStatus } from '../../domain/order/status.ts';
import type { BoardCustomer, BoardOrder, BoardSource } from './board-source.ts';

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
  /** Pages all orders (newest first). */
  readonly cursor?: string;
  /** Pages the orders that need a person: the urgency key of the last one shown. */
  readonly urgentCursor?: string;
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
  /** For an order that needs attention: since when. */
  readonly attentionSince?: string;
  readonly promisedDate?: string;
  /** The date the plant most likely delivers, when earlier than the promise (a second line under it). */
  readonly likelyDate?: string;
  readonly daysLate: number;
  /** For an order awaiting confirmation: when sales are reminded and the customer's wait escalates. */
  readonly escalatesAt?: string;
  readonly skus: readonly string[];
  readonly createdAt: string;
}

export interface Board {
  /** One page of the orders that need a person now, most urgent first. */
  readonly urgent: readonly BoardRow[];
  readonly urgentNextCursor?: string;
  /** How many orders of each urgent kind match the filters, over every page. */
  readonly urgentCounts?: Readonly<Record<Exclude<Urgency, 'none'>, number>>;
  /** All orders matching the filters, newest first, one page. */
  readonly rows: readonly BoardRow[];
  readonly nextCursor?: string;
}

/**
 * How many orders of each urgent kind the board reads to sort them (an order's board attributes
 * only, in pages of up to 1 MB); beyond it the filters narrow the view.
 */
const URGENT_CAP = 2000;
export const PAGE_SIZE = 25;
/** Reads of the index per page when filters the index cannot apply (tier, SKU, dates) drop rows. */
const MAX_READS = 6;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function urgencyOf(order: BoardOrder): Urgency {
  if (order.status === 'NEEDS_ATTENTION') return 'attention';
  if (order.atRisk) return 'risk';
  if (order.status === 'AWAITING_SALES_CONFIRMATION') return 'await';
  return 'none';
}

const TIER_RANK: Record<Tier, number> = { A: 0, B: 1, C: 2 };
const URGENCY_RANK: Record<Urgency, number> = { attention: 0, risk: 1, await: 2, none: 3 };
/** Days late are sorted most first inside a text key: subtract from a bound no promise reaches. */
const DAYS_LATE_BOUND = 99_999;

/**
 * The board's order of urgency as one text key, so a page can start after the last key shown:
 * needs attention (longest waiting first), then at risk (most days late, then the better tier),
 * then awaiting confirmation (nearest escalation first), then the rest (oldest first). The order
 * id breaks ties, so no two orders share a key.
 */
export function urgencyKey(row: BoardRow): string {
  const rank = URGENCY_RANK[row.urgency];
  switch (row.urgency) {
    case 'attention':
      return `${rank}|${row.attentionSince ?? row.createdAt}|${row.orderId}`;
    case 'risk': {
      const late = String(DAYS_LATE_BOUND - Math.min(row.daysLate, DAYS_LATE_BOUND)).padStart(5, '0');
      return `${rank}|${late}|${TIER_RANK[row.tier ?? 'C']}|${row.orderId}`;
    }
    case 'await':
      return `${rank}|${row.escalatesAt ?? ''}|${row.orderId}`;
    case 'none':
      return `${rank}|${row.createdAt}|${row.orderId}`;
  }
}

export const byUrgency = (a: BoardRow, b: BoardRow): number => {
  const [left, right] = [urgencyKey(a), urgencyKey(b)];
  return left < right ? -1 : left > right ? 1 : 0;
};

function toRow(order: BoardOrder, customer: BoardCustomer | undefined, escalationSeconds: number): BoardRow {
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
    ...(order.needsAttention
      ? { attentionCause: order.needsAttention.cause, attentionSince: order.needsAttention.at }
      : {}),
    ...(order.promisedDate ? { promisedDate: order.promisedDate } : {}),
    daysLate: Math.max(0, late),
    ...(urgency === 'await' ? { escalatesAt: salesEscalationDeadline(order, escalationSeconds) } : {}),
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

/** Board rows with their customers, read in one batch. */
async function rowsOf(
  source: BoardSource,
  orders: readonly BoardOrder[],
  escalationSeconds: number,
): Promise<BoardRow[]> {
  const customers = orders.length
    ? await source.getCustomers(orders.map((order) => order.customerId))
    : new Map<string, BoardCustomer>();
  return orders.map((order) => toRow(order, customers.get(order.customerId), escalationSeconds));
}

interface UrgentSection {
  readonly urgency: Exclude<Urgency, 'none'>;
  /** This section's orders matching the filters, most urgent first, with their keys. */
  readonly load: () => Promise<{ row: BoardRow; key: string }[]>;
}

/**
 * The orders that need a person, sorted by urgency, one page after the cursor's key, and how many
 * of each kind there are. Each kind is a section of the list (needs attention, at risk, awaiting
 * confirmation), read whole through its index, because no index holds the at-risk order (days
 * late, tier) or the escalation deadlines; the three are read at once, so sales see every
 * section's count on every page.
 */
async function urgentPage(
  source: BoardSource,
  filters: BoardFilters,
  escalationSeconds: number,
): Promise<Pick<Board, 'urgent' | 'urgentNextCursor' | 'urgentCounts'>> {
  const section = (urgency: UrgentSection['urgency'], read: () => Promise<BoardOrder[]>): UrgentSection => ({
    urgency,
    load: async () =>
      (await rowsOf(source, await read(), escalationSeconds))
        .filter((row) => row.urgency === urgency && matches(row, filters))
        .map((row) => ({ row, key: urgencyKey(row) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  });
  const sections = [
    section('attention', () => source.ordersInStatus('NEEDS_ATTENTION', URGENT_CAP)),
    section('risk', () => source.ordersAtRisk(URGENT_CAP)),
    section('await', () => source.ordersInStatus('AWAITING_SALES_CONFIRMATION', URGENT_CAP)),
  ].filter(
    ({ urgency }) =>
      (!filters.status || filters.status === STATUS_OF[urgency] || urgency === 'risk') &&
      (!filters.atRisk || urgency !== 'await'),
  );
  const loaded = await Promise.all(
    sections.map(async ({ urgency, load }) => ({ urgency, rows: await load() })),
  );
  const urgentCounts = { attention: 0, risk: 0, await: 0 };
  for (const { urgency, rows } of loaded) urgentCounts[urgency] = rows.length;
  // Keys sort across sections too (the urgency rank leads), so the page is the sorted whole after the cursor.
  const after = filters.urgentCursor ? decodeUrgentCursor(filters.urgentCursor) : undefined;
  const following = loaded
    .flatMap(({ rows }) => rows)
    .filter((entry) => !after || entry.key > after)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = following.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    urgent: page.map((entry) => entry.row),
    urgentCounts,
    ...(following.length > PAGE_SIZE && last ? { urgentNextCursor: encodeUrgentCursor(last.key) } : {}),
  };
}

/** The status an urgent section is read from; at risk is a flag, not a status. */
const STATUS_OF: Record<UrgentSection['urgency'], OrderStatus | undefined> = {
  attention: 'NEEDS_ATTENTION',
  risk: undefined,
  await: 'AWAITING_SALES_CONFIRMATION',
};

export const encodeUrgentCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
export const decodeUrgentCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** One page of all orders matching the filters, newest first, read through the index that fits. */
async function allOrdersPage(
  source: BoardSource,
  filters: BoardFilters,
  escalationSeconds: number,
): Promise<Pick<Board, 'rows' | 'nextCursor'>> {
  const rows: BoardRow[] = [];
  let cursor = filters.cursor;
  for (let read = 0; read < MAX_READS && rows.length < PAGE_SIZE; read++) {
    const page = await source.orderPage({
      limit: PAGE_SIZE,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.customerId ? { customerId: filters.customerId } : {}),
      ...(filters.atRisk ? { atRisk: true } : {}),
      ...(cursor ? { cursor } : {}),
    });
    rows.push(
      ...(await rowsOf(source, page.orders, escalationSeconds)).filter((row) => matches(row, filters)),
    );
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return cursor ? { rows, nextCursor: cursor } : { rows };
}

/**
 * The orders board: a page of the orders that need a person (read through the status and at-risk
 * indexes, never a scan) sorted by urgency, and a page of all orders newest first. Paging one list
 * leaves the other out. A search for an order number shows that order; any other search is a
 * customer id.
 */
export async function consoleBoard(
  source: BoardSource,
  filters: BoardFilters,
  settings: { readonly salesEscalationSeconds: number },
): Promise<Board> {
  const board = await boardRows(source, filters, settings.salesEscalationSeconds);
  const likely = await likelyDatesOf(source, [...board.urgent, ...board.rows]);
  return {
    ...board,
    urgent: board.urgent.map((row) => withLikelyDate(row, likely)),
    rows: board.rows.map((row) => withLikelyDate(row, likely)),
  };
}

/** The page's two lists, or the one order a search names. */
async function boardRows(source: BoardSource, filters: BoardFilters, seconds: number): Promise<Board> {
  let effective = filters;
  if (filters.q) {
    const [order] = await source.getOrders([filters.q]);
    if (order) return { urgent: [], rows: await rowsOf(source, [order], seconds) };
    effective = { ...filters, customerId: filters.q };
  }
  const [urgent, all] = await Promise.all([
    effective.cursor ? { urgent: [] } : urgentPage(source, effective, seconds),
    effective.urgentCursor ? { rows: [] } : allOrdersPage(source, effective, seconds),
  ]);
  return { ...urgent, ...all };
}

/**
 * The likely dates of the rows on the page only (one batch read of their promises, never of the
 * orders sorted but not shown), for the promises that are the date the row shows.
 */
async function likelyDatesOf(source: BoardSource, rows: readonly BoardRow[]): Promise<Map<string, string>> {
  const promised = rows.filter((row) => row.promisedDate);
  if (!promised.length) return new Map();
  const promises = await source.promiseDates(promised.map((row) => row.orderId));
  const likely = new Map<string, string>();
  for (const row of promised) {
    const promise = promises.get(row.orderId);
    if (promise?.likelyDate && promise.date === row.promisedDate && promise.likelyDate < promise.date)
      likely.set(row.orderId, promise.likelyDate);
  }
  return likely;
}

const withLikelyDate = (row: BoardRow, likely: ReadonlyMap<string, string>): BoardRow => {
  const likelyDate = likely.get(row.orderId);
  return likelyDate ? { ...row, likelyDate } : row;
};
