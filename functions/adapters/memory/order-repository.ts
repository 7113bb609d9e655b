/**
 * The order repository in memory: the same conditions as the DynamoDB adapter (a status move only
 * from an allowed predecessor and once per transition id, an ERP event recorded once, a wait
 * removed only with its own token), for unit tests of the use cases and for the plant simulator.
 * Values are copied in and out so a caller can never change stored state by holding a reference.
 */
import { allowedPredecessors, isTerminal } from '../../domain/order/status.ts';
import type { StageEvent, WaitStage } from '../../domain/order/stages.ts';
import type {
  ErpEventRecord,
  Order,
  OrderListQuery,
  TimelineEntry,
  WaitRecord,
} from '../../domain/order/types.ts';
import type { OrderRepository } from '../../usecases/order/ports.ts';

/** A deep copy of plain data (what the product stores is JSON-shaped); cheaper than structuredClone. */
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

interface StoredOrder {
  order: Order;
  /** Keyed by `<at>#<kind>` as the table's sort key is, so the same entry written twice stays one. */
  timeline: Map<string, TimelineEntry>;
  waits: Map<WaitStage, WaitRecord>;
  arrived: Map<StageEvent, ErpEventRecord>;
  atRiskSince?: string;
}

export class MemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, StoredOrder>();
  private readonly erpEvents = new Map<string, ErpEventRecord & { appliedAt?: string }>();
  /** Tracking token hashes by the order they open. */
  readonly trackingTokens = new Map<string, string>();

  /** Every stored order (a copy), for reports and invariant checks. */
  allOrders(): Order[] {
    return [...this.orders.values()].map((stored) => copy(stored.order));
  }

  private stored(orderId: string): StoredOrder | undefined {
    return this.orders.get(orderId);
  }

  private addTimeline(stored: StoredOrder, entry: TimelineEntry): void {
    stored.timeline.set(`${entry.at}#${entry.kind}`, copy(entry));
  }

  async createOrder(order: Order, trackingTokenHash: string): Promise<boolean> {
    if (this.orders.has(order.orderId)) return false;
    const stored: StoredOrder = {
      order: copy(order),
      timeline: new Map(),
      waits: new Map(),
      arrived: new Map(),
    };
    this.addTimeline(stored, {
      at: order.createdAt,
      kind: 'INQUIRY_RECEIVED',
      status: order.status,
      summary: `Inquiry received for ${order.lines.length} line(s)`,
    });
    this.orders.set(order.orderId, stored);
    this.trackingTokens.set(trackingTokenHash, order.orderId);
    return true;
  }

  async getOrder(orderId: string) {
    const stored = this.stored(orderId);
    return stored && copy(stored.order);
  }

  async getOrderView(orderId: string) {
    const stored = this.stored(orderId);
    if (!stored) return undefined;
    return {
      order: copy(stored.order),
      timeline: [...stored.timeline.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, entry]) => copy(entry)),
      notifications: [],
      waits: [...stored.waits.values()].map(copy),
    };
  }

  async transitionOrder(orderId: string, transition: Parameters<OrderRepository['transitionOrder']>[1]) {
    const stored = this.stored(orderId);
    const id = transition.id ?? transition.to;
    if (!stored) return false;
    if (!allowedPredecessors(transition.to).includes(stored.order.status)) return false;
    if (stored.order.lastTransitionId === id) return false;
    stored.order = {
      ...stored.order,
      ...copy(transition.patch ?? {}),
      status: transition.to,
      updatedAt: transition.at,
      lastTransitionId: id,
    };
    this.addTimeline(stored, {
      at: transition.at,
      kind: `STATUS_${id}`,
      status: transition.to,
      summary: transition.summary,
      ...(transition.data ? { data: copy(transition.data) } : {}),
    });
    return true;
  }

  async leaveNeedsAttention(orderId: string, resume: Parameters<OrderRepository['leaveNeedsAttention']>[1]) {
    const stored = this.stored(orderId);
    if (
      !stored ||
      stored.order.status !== 'NEEDS_ATTENTION' ||
      stored.order.attentionCount !== resume.incident
    )
      return false;
    const { needsAttention: _gone, lastTransitionId: _last, ...rest } = stored.order;
    stored.order = {
      ...rest,
      status: resume.to,
      updatedAt: resume.at,
      executionName: resume.executionName,
      executionNamedAt: resume.at,
      lastRetry: copy(resume.lastRetry),
      ...(resume.previousTransitionId ? { lastTransitionId: resume.previousTransitionId } : {}),
    };
    this.addTimeline(stored, {
      at: resume.at,
      kind: `RETRIED#${resume.incident}`,
      status: resume.to,
      summary: resume.summary,
    });
    return true;
  }

  async patchOrder(orderId: string, patch: Partial<Order>, condition?: { unlessTerminal: boolean }) {
    const stored = this.stored(orderId);
    if (!stored) return false;
    if (condition?.unlessTerminal && isTerminal(stored.order.status)) return false;
    stored.order = { ...stored.order, ...copy(patch) };
    return true;
  }

  async appendTimeline(orderId: string, entry: TimelineEntry) {
    const stored = this.stored(orderId);
    // The table would hold an entry for an order that does not exist; nothing can read it, so drop it.
    if (stored) this.addTimeline(stored, entry);
  }

  async setAtRisk(orderId: string, reason: string, at: string) {
    const stored = this.stored(orderId);
    if (!stored) throw new Error(`setAtRisk: order ${orderId} does not exist`);
    stored.order = {
      ...stored.order,
      atRisk: true,
      atRiskReasons: [...(stored.order.atRiskReasons ?? []), reason],
    };
    stored.atRiskSince = at;
  }

  async clearAtRisk(orderId: string) {
    const stored = this.stored(orderId);
    if (!stored) return;
    const { atRiskReasons: _reasons, ...rest } = stored.order;
    stored.order = { ...rest, atRisk: false };
    delete stored.atRiskSince;
  }

  async saveWait(record: WaitRecord) {
    this.stored(record.orderId)?.waits.set(record.stage, copy(record));
  }

  async getWait(orderId: string, stage: WaitStage) {
    const wait = this.stored(orderId)?.waits.get(stage);
    return wait && copy(wait);
  }

  async deleteWait(orderId: string, stage: WaitStage, taskToken?: string) {
    const waits = this.stored(orderId)?.waits;
    const wait = waits?.get(stage);
    if (wait && (!taskToken || wait.taskToken === taskToken)) waits?.delete(stage);
  }

  async recordErpEvent(event: ErpEventRecord, stage: StageEvent | undefined, summary: string) {
    if (this.erpEvents.has(event.eventId)) return false;
    this.erpEvents.set(event.eventId, { ...copy(event), state: 'RECEIVED' });
    const stored = this.stored(event.orderId);
    if (stored) {
      this.addTimeline(stored, {
        at: event.receivedAt,
        kind: `ERP_${event.type}#${event.eventId}`,
        summary,
        data: { eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, ...event.data },
      });
      if (stage) stored.arrived.set(stage, copy(event));
    }
    return true;
  }

  async getErpEvent(eventId: string) {
    const event = this.erpEvents.get(eventId);
    return event && copy(event);
  }

  async markErpEventApplied(eventId: string, at: string) {
    const event = this.erpEvents.get(eventId);
    if (!event) throw new Error(`markErpEventApplied: ERP event ${eventId} was never recorded`);
    this.erpEvents.set(eventId, { ...event, state: 'APPLIED', appliedAt: at });
  }

  async getArrivedEvent(orderId: string, stage: StageEvent) {
    const event = this.stored(orderId)?.arrived.get(stage);
    return event && copy(event);
  }

  async listOrders(query: OrderListQuery) {
    const newestFirst = [...this.orders.values()]
      .filter(
        (stored) =>
          (!query.atRisk || stored.atRiskSince !== undefined) &&
          (!query.status || stored.order.status === query.status) &&
          (!query.customerId || stored.order.customerId === query.customerId),
      )
      .map((stored) => stored.order)
      .sort((a, b) => `${b.createdAt}#${b.orderId}`.localeCompare(`${a.createdAt}#${a.orderId}`));
    const start = query.cursor ? Number(query.cursor) : 0;
    const page = newestFirst.slice(start, start + query.limit).map(copy);
    const next = start + query.limit;
    return next < newestFirst.length ? { orders: page, nextCursor: String(next) } : { orders: page };
  }
}
