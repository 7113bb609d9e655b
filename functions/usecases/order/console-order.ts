import type { TimelineEntry } from '../../domain/order/types.ts';
import type { BasisEntry, Calendar, Product, VersionedPromise } from '../../domain/promise/types.ts';
import type { OrderStatus } from '../../domain/order/status.ts';
import { bindingConstraint } from '../../domain/promise/binding.ts';
import { likelyBeside, type LikelyBeside } from '../../domain/promise/likely-date.ts';
import { ADJUSTABLE_AFTER_CONFIRMATION } from './adjust-promise.ts';
import type { salesOrderView } from './views.ts';

export interface PromiseVersionLine {
  readonly version: number;
  readonly previousDate?: string;
  readonly newDate: string;
  /** Who or what moved it: a reported delay, a supply change, a sales adjustment or override. */
  readonly reason: string;
  /** Version 1: the engine's first computation, the quote (no reason, nothing moved it). */
  readonly first?: boolean;
  readonly at: string;
}

export interface NotificationLine {
  readonly kind: string;
  readonly channel: string;
  readonly status: string;
  /** A message sent on the other channel because the first one failed or bounced. */
  readonly fallback: boolean;
  readonly at: string;
}

export type ConsoleAction = 'confirm' | 'adjust' | 'cancel' | 'retry';

/** Everything the console's order page shows, read from one partition plus the customer and products. */
export interface ConsoleOrderModel {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly customer: {
    readonly id: string;
    readonly name?: string;
    readonly tier?: string;
    readonly region?: string;
  };
  readonly lines: readonly {
    readonly sku: string;
    readonly name?: string;
    readonly quantity: number;
    readonly unitPrice?: number;
    readonly value?: number;
  }[];
  readonly total: number;
  readonly currency: string;
  readonly promise?: VersionedPromise;
  readonly firstPromisedDate?: string;
  /** The date the plant most likely delivers, with the working days of margin the promise keeps. */
  readonly likely?: LikelyBeside;
  /** The earliest date the plant can make, per the engine. */
  readonly capableDate?: string;
  readonly basis: readonly BasisEntry[];
  /** Index in `basis` of the constraint that sets the date. */
  readonly binding?: number;
  readonly history: readonly PromiseVersionLine[];
  readonly atRisk: boolean;
  readonly atRiskReasons: readonly string[];
  readonly attentionCause?: string;
  readonly timeline: readonly TimelineEntry[];
  readonly notifications: readonly NotificationLine[];
  readonly actions: readonly ConsoleAction[];
}

// The binding constraint is the engine's vocabulary; re-exported for the console's callers.
export { bindingConstraint };

function actionsFor(status: OrderStatus): ConsoleAction[] {
  const actions: ConsoleAction[] = [];
  if (status === 'AWAITING_SALES_CONFIRMATION') actions.push('confirm', 'adjust');
  if (ADJUSTABLE_AFTER_CONFIRMATION.includes(status)) actions.push('adjust');
  if (status === 'NEEDS_ATTENTION') actions.push('retry');
  if (!['DELIVERED', 'CANCELLED', 'QUOTE_REJECTED', 'QUOTE_EXPIRED', 'SHIPPED'].includes(status))
    actions.push('cancel');
  return actions;
}

/**
 * The order's messages. A message is a fallback when the same message to the same contact failed
 * or bounced on the other channel (the notifier then sends it again that way).
 */
function notificationLines(records: readonly Record<string, unknown>[]): NotificationLine[] {
  const failed = new Set(
    records
      .filter((record) => record.status === 'FAILED' || record.status === 'BOUNCED')
      .map(
        (record) =>
          `${String(record.kind)}#${String(record.occurrence)}#${String(record.recipientId)}#${String(record.channel)}`,
      ),
  );
  return records
    .map((record) => {
      const other = record.channel === 'email' ? 'sms' : 'email';
      return {
        kind: String(record.kind),
        channel: String(record.channel),
        status: String(record.status),
        fallback: failed.has(
          `${String(record.kind)}#${String(record.occurrence)}#${String(record.recipientId)}#${other}`,
        ),
        at: String(record.sentAt ?? record.createdAt ?? ''),
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** When version 1 was given: the order's first move that named it (to sales, or to the customer). */
function firstQuotedAt(timeline: readonly TimelineEntry[]): string | undefined {
  return timeline
    .filter((entry) => entry.kind.startsWith('STATUS_') && entry.kind.endsWith('#v1'))
    .map((entry) => entry.at)
    .sort()[0];
}

/** What the console's order page reads; bound to the stores in ./wiring.ts. */
export interface ConsoleOrderDeps {
  readonly view: typeof salesOrderView;
  readonly customerCard: (
    customerId: string,
  ) => Promise<{ name: string; tier: string; region: string } | undefined>;
  readonly products: (skus: readonly string[]) => Promise<ReadonlyMap<string, Product>>;
  /** The earliest date the plant can make (see adjust-guard.ts); undefined when it cannot be read. */
  readonly capableDate: (orderId: string) => Promise<string | undefined>;
  readonly shippingCalendar: () => Promise<Calendar>;
  readonly currency: () => string;
}

export async function buildConsoleOrderModel(
  deps: ConsoleOrderDeps,
  orderId: string,
): Promise<ConsoleOrderModel> {
  const view = await deps.view(orderId);
  const [customer, products, capable] = await Promise.all([
    deps.customerCard(view.customerId),
    deps.products(view.lines.map((line) => line.sku)),
    view.promise ? deps.capableDate(orderId) : Promise.resolve(undefined),
  ]);
  const lines = view.lines.map((line) => {
    const product = products.get(line.sku);
    return {
      sku: line.sku,
      quantity: line.quantity,
      ...(product
        ? { name: product.name, unitPrice: product.unitPrice, value: product.unitPrice * line.quantity }
        : {}),
    };
  });
  const promise = (view.promise as { promise?: VersionedPromise } | null)?.promise;
  // The plant's calendars are read only for a promise that has a likely date to measure against.
  const likely = promise?.likelyDate ? likelyBeside(promise, await deps.shippingCalendar()) : undefined;
  // The change that made this version comes first: it is why the date is what it is now.
  const basis = [...(promise?.cause ?? []), ...(promise?.result.basis ?? [])].filter(
    (entry, index, all) =>
      all.findIndex((other) => JSON.stringify(other) === JSON.stringify(entry)) === index,
  );
  const versions = new Map<number, PromiseVersionLine>();
  for (const entry of view.timeline) {
    const data = entry.data as (Partial<PromiseVersionLine> & { version?: number }) | undefined;
    if (!entry.kind.startsWith('PROMISE_V') || !data?.version || !data.newDate || versions.has(data.version))
      continue;
    versions.set(data.version, {
      version: data.version,
      ...(data.previousDate ? { previousDate: data.previousDate } : {}),
      newDate: data.newDate,
      reason: data.reason ?? '',
      at: entry.at,
    });
  }
  // Version 1 is the quote itself, not a move: it has no PROMISE_V entry of its own.
  if (!versions.has(1) && view.firstPromisedDate)
    versions.set(1, {
      version: 1,
      newDate: view.firstPromisedDate,
      reason: '',
      first: true,
      at: firstQuotedAt(view.timeline) ?? view.createdAt,
    });
  const binding = bindingConstraint(basis);
  return {
    orderId: view.orderId,
    status: view.status,
    customer: {
      id: view.customerId,
      ...(customer ? { name: customer.name, tier: customer.tier, region: customer.region } : {}),
    },
    lines,
    total: lines.reduce((sum, line) => sum + (line.value ?? 0), 0),
    currency: deps.currency(),
    ...(promise ? { promise } : {}),
    ...(view.firstPromisedDate ? { firstPromisedDate: view.firstPromisedDate } : {}),
    ...(likely ? { likely } : {}),
    ...(capable ? { capableDate: capable } : {}),
    basis,
    ...(binding !== undefined ? { binding } : {}),
    history: [...versions.values()].sort((a, b) => a.version - b.version),
    atRisk: view.atRisk,
    atRiskReasons: view.atRiskReasons ?? [],
    ...(view.needsAttention ? { attentionCause: view.needsAttention.cause } : {}),
    timeline: [...view.timeline].sort((a, b) => a.at.localeCompare(b.at)),
    notifications: notificationLines(view.notifications),
    actions: actionsFor(view.status),
  };
}
