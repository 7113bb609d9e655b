import type { OrderStatus } from '../order/status.ts';
import { isTerminal } from '../order/status.ts';
import type { StageEvent } from '../order/stages.ts';
import type { BasisEntry, Shipment } from '../promise/types.ts';
import { customerCause, delayCategory, type CustomerCause } from './cause.ts';

/** What the order page needs to know, gathered by the use case (plain data, no AWS). */
export interface OrderPageFacts {
  readonly order: {
    readonly orderId: string;
    readonly status: OrderStatus;
    readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
    readonly promisedDate?: string;
    readonly promiseVersion?: number;
    readonly quoteValidUntil?: string;
    readonly decision?: 'accept' | 'reject';
    readonly decisionForVersion?: number;
    readonly completedStages: readonly StageEvent[];
    /** Set while the order waits for our people; the customer still sees the status it had. */
    readonly needsAttention?: { readonly previousStatus?: CustomerStatus };
    readonly shipment?: {
      readonly carrier?: string;
      readonly trackingNumber?: string;
      readonly estimatedDelivery?: string;
    };
    readonly outcome?: { readonly deliveredOn: string; readonly daysLate: number };
    readonly requoteRequestedForVersion?: number;
  };
  readonly promise?: {
    readonly version: number;
    readonly date: string;
    readonly previousDate?: string;
    readonly cause?: readonly BasisEntry[];
    readonly shipments?: readonly Shipment[];
    /** The date the plant most likely delivers, when earlier than the promise. */
    readonly likelyDate?: string;
  };
  readonly timeline: readonly {
    readonly at: string;
    readonly kind: string;
    readonly status?: string;
    readonly data?: Record<string, unknown>;
  }[];
  readonly products: ReadonlyMap<string, { readonly name: string; readonly unitPrice: number }>;
  readonly customer: {
    readonly locale: 'en' | 'zh-CN';
    readonly timeZone: string;
    readonly salesOwner: { readonly name: string; readonly email: string };
    readonly contacts: readonly { readonly id: string; readonly name: string }[];
  };
  readonly currency: string;
  readonly now: Date;
}

export const PROGRESS_STAGES = [
  'QUOTE',
  'CONFIRMED',
  'MATERIALS_READY',
  'PRODUCTION_STARTED',
  'PRODUCTION_COMPLETED',
  'SHIPPED',
  'DELIVERED',
] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

/** One history line: a message key of the page's dictionary and its values; never stored text. */
export type HistoryEvent =
  | { readonly at: string; readonly key: `history_${string}` }
  | { readonly at: string; readonly key: 'history_DELAY'; readonly cause: CustomerCause };

export type QuoteState =
  | { readonly state: 'open'; readonly validUntil?: string; readonly requoted: boolean }
  | { readonly state: 'decided'; readonly decision: 'accept' | 'reject' }
  | { readonly state: 'expired'; readonly validUntil?: string; readonly newQuoteAsked: boolean }
  /** The quote waits for our people (the order needs attention): nothing to decide until they act. */
  | { readonly state: 'reviewing' };

/** What a customer may see as an order's status: never that it waits for our people. */
export type CustomerStatus = Exclude<OrderStatus, 'NEEDS_ATTENTION'>;

export interface OrderPageModel {
  readonly orderId: string;
  readonly status: CustomerStatus;
  readonly promisedDate?: string;
  /**
   * The date the order most likely arrives, shown smaller beside the promise: present only while a
   * date is promised and this one is earlier (the promise is the date we are confident of).
   */
  readonly likelyDate?: string;
  readonly slip?: { readonly previousDate: string; readonly newDate: string; readonly cause: CustomerCause };
  readonly delivered?: { readonly on: string; readonly daysLate: number };
  readonly stages: readonly { readonly stage: ProgressStage; readonly state: 'done' | 'current' | 'next' }[];
  readonly lines: readonly {
    readonly sku: string;
    readonly name: string;
    readonly quantity: number;
    readonly unitPrice?: number;
    readonly amount?: number;
  }[];
  readonly total?: number;
  readonly currency: string;
  readonly deliveries: readonly Shipment[];
  readonly shipment?: {
    readonly carrier?: string;
    readonly trackingNumber?: string;
    readonly estimatedDelivery?: string;
  };
  readonly history: readonly HistoryEvent[];
  readonly salesOwner: { readonly name: string; readonly email: string };
  readonly quote?: QuoteState;
  readonly readOnly: boolean;
  readonly contacts: readonly { readonly id: string; readonly name: string }[];
  readonly defaultLocale: 'en' | 'zh-CN';
  readonly timeZone: string;
}

const PRE_ORDER: readonly OrderStatus[] = ['INQUIRY_RECEIVED', 'AWAITING_SALES_CONFIRMATION', 'QUOTED'];

function progress(order: OrderPageFacts['order']): OrderPageModel['stages'] {
  const done = new Set<ProgressStage>();
  if (!PRE_ORDER.includes(order.status) && !['QUOTE_REJECTED', 'QUOTE_EXPIRED'].includes(order.status)) {
    done.add('QUOTE');
    if (order.status !== 'CANCELLED' || order.completedStages.length) done.add('CONFIRMED');
  }
  for (const stage of order.completedStages) done.add(stage);
  if (order.status === 'DELIVERED') PROGRESS_STAGES.forEach((stage) => done.add(stage));
  const active = !isTerminal(order.status);
  const current = active ? PROGRESS_STAGES.find((stage) => !done.has(stage)) : undefined;
  return PROGRESS_STAGES.map((stage) => ({
    stage,
    state: done.has(stage) ? 'done' : stage === current ? 'current' : 'next',
  }));
}

/** Status moves a customer hears of; sales-only states (awaiting confirmation) are left out. */
const STATUS_HISTORY = new Set([
  'QUOTED',
  'ORDER_CONFIRMED',
  'MATERIAL_PREP',
  'DELIVERED',
  'QUOTE_REJECTED',
  'QUOTE_EXPIRED',
  'CANCELLED',
]);
/** Stage events told by the ERP; SHIPPED and DELIVERED come once, from whichever entry is kept. */
const ERP_HISTORY = new Set(['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'SHIPPED']);

/**
 * The order's history in customer words, newest first: only message keys and customer-safe causes,
 * so summaries written for sales (reasons, internal statuses, ids) can never reach the page.
 */
export function customerHistory(timeline: OrderPageFacts['timeline']): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const entry of timeline) {
    if (entry.kind === 'INQUIRY_RECEIVED') events.push({ at: entry.at, key: 'history_INQUIRY_RECEIVED' });
    else if (entry.kind.startsWith('STATUS_') && entry.status && STATUS_HISTORY.has(entry.status))
      events.push({ at: entry.at, key: `history_${entry.status}` });
    else if (entry.kind.startsWith('ERP_')) {
      const type = entry.kind.slice(4).split('#')[0] ?? '';
      if (ERP_HISTORY.has(type)) events.push({ at: entry.at, key: `history_${type}` });
      else if (type === 'DELAY_REPORTED') {
        const data = entry.data ?? {};
        const note = typeof data.customerNote === 'string' ? data.customerNote : undefined;
        events.push({
          at: entry.at,
          key: 'history_DELAY',
          cause: { ...(note ? { note } : {}), categories: [delayCategory(data)] },
        });
      }
    }
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function quoteState(facts: OrderPageFacts): QuoteState | undefined {
  const { order, now } = facts;
  const version = order.promiseVersion ?? 1;
  const expiredByTime = order.quoteValidUntil !== undefined && order.quoteValidUntil < now.toISOString();
  if (order.status === 'QUOTE_EXPIRED' || (order.status === 'QUOTED' && expiredByTime))
    return {
      state: 'expired',
      ...(order.quoteValidUntil ? { validUntil: order.quoteValidUntil } : {}),
      newQuoteAsked: order.requoteRequestedForVersion === version,
    };
  if (order.status !== 'QUOTED') return undefined;
  // A decision on an earlier version does not count: after a re-quote the customer decides again.
  if (order.decision && order.decisionForVersion === version)
    return { state: 'decided', decision: order.decision };
  return {
    state: 'open',
    ...(order.quoteValidUntil ? { validUntil: order.quoteValidUntil } : {}),
    requoted: order.decisionForVersion !== undefined && order.decisionForVersion < version,
  };
}

/** Statuses whose page shows no promised date, so no likely date beside it either. */
const NO_PROMISE_SHOWN: readonly CustomerStatus[] = [
  'QUOTE_EXPIRED',
  'QUOTE_REJECTED',
  'CANCELLED',
  'DELIVERED',
];

/**
 * The likely date to show beside the promised one: only while a date is promised and the stored
 * promise is the one shown (a moved date's old likely date says nothing of the new one), and only
 * when it is earlier, since a likely date on or after the promise would read as a broken promise.
 */
function likelyDateShown(
  order: OrderPageFacts['order'] & { readonly status: CustomerStatus },
  promise: OrderPageFacts['promise'],
): string | undefined {
  const likely = promise?.likelyDate;
  if (!likely || !order.promisedDate || NO_PROMISE_SHOWN.includes(order.status) || order.outcome)
    return undefined;
  if (promise.date !== order.promisedDate) return undefined;
  return likely < order.promisedDate ? likely : undefined;
}

/** Everything the order page shows, and nothing a customer should not see. */
export function buildOrderPage(input: OrderPageFacts): OrderPageModel {
  // An order waiting for our people is, for its customer, still where it was.
  const status: CustomerStatus =
    input.order.status === 'NEEDS_ATTENTION'
      ? (input.order.needsAttention?.previousStatus ?? 'ORDER_CONFIRMED')
      : input.order.status;
  const facts = { ...input, order: { ...input.order, status } };
  const { order, promise, products } = facts;
  const lines = order.lines.map((line) => {
    const product = products.get(line.sku);
    return {
      sku: line.sku,
      name: product?.name ?? line.sku,
      quantity: line.quantity,
      ...(product ? { unitPrice: product.unitPrice, amount: product.unitPrice * line.quantity } : {}),
    };
  });
  const priced = lines.every((line) => line.amount !== undefined);
  const slipped =
    promise && promise.version > 1 && promise.previousDate && promise.previousDate < promise.date
      ? {
          previousDate: promise.previousDate,
          newDate: promise.date,
          cause: customerCause(promise.cause ?? []),
        }
      : undefined;
  const deliveries = promise?.shipments && promise.shipments.length > 1 ? promise.shipments : [];
  const quote: QuoteState | undefined =
    input.order.status === 'NEEDS_ATTENTION' && status === 'QUOTED'
      ? { state: 'reviewing' }
      : quoteState(facts);
  const likelyDate = likelyDateShown(order, promise);
  return {
    orderId: order.orderId,
    status: order.status,
    ...(order.promisedDate ? { promisedDate: order.promisedDate } : {}),
    ...(likelyDate ? { likelyDate } : {}),
    ...(slipped && order.status !== 'DELIVERED' ? { slip: slipped } : {}),
    ...(order.outcome
      ? { delivered: { on: order.outcome.deliveredOn, daysLate: order.outcome.daysLate } }
      : {}),
    stages: progress(order),
    lines,
    ...(priced ? { total: lines.reduce((sum, line) => sum + (line.amount ?? 0), 0) } : {}),
    currency: facts.currency,
    deliveries,
    ...(order.shipment ? { shipment: order.shipment } : {}),
    history: customerHistory(facts.timeline),
    salesOwner: facts.customer.salesOwner,
    ...(quote ? { quote } : {}),
    readOnly: order.status === 'CANCELLED',
    contacts: facts.customer.contacts.map((contact) => ({ id: contact.id, name: contact.name })),
    defaultLocale: facts.customer.locale,
    timeZone: facts.customer.timeZone,
  };
}

/**
 * Whether a tracking link still opens its order: while the order runs, and until `days` after it
 * ended; a fresh link sent later works for `days` from when it was sent.
 */
export function linkStillWorks(input: {
  readonly status: OrderStatus;
  readonly endedAt?: string;
  readonly issuedAt?: string;
  readonly now: Date;
  readonly days: number;
}): boolean {
  if (!isTerminal(input.status) || !input.endedAt) return true;
  const window = input.days * 86_400_000;
  const from = Math.max(Date.parse(input.endedAt), input.issuedAt ? Date.parse(input.issuedAt) : 0);
  return input.now.getTime() <= from + window;
}
