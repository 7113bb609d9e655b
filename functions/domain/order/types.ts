/**
 * The order as the product knows it, whatever stores it: the use cases work on these types and
 * adapters map their items to and from them.
 */
import type { OrderStatus } from './status.ts';
import type { StageEvent, WaitStage } from './stages.ts';

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly requestedDate?: string;
}

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly lines: readonly OrderLine[];
  readonly requestedDate?: string;
  readonly note?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who entered the inquiry: `sales:<subject>` or `erp`. */
  readonly createdBy: string;
  /** Hash of the request, so a retried inquiry with the same Idempotency-Key can be told from a different one. */
  readonly requestHash: string;
  readonly executionName: string;
  /** When executionName last changed: a fresh name (a continuation, a retry) may not have started yet. */
  readonly executionNamedAt?: string;
  readonly atRisk: boolean;
  readonly atRiskReasons?: readonly string[];
  readonly promisedDate?: string;
  readonly promiseVersion?: number;
  readonly firstPromisedDate?: string;
  readonly confirmationReasons?: readonly string[];
  /**
   * When the current wait for sales escalates: the wait's start plus SALES_ESCALATION_SECONDS, the
   * timeout the workflow's AwaitSalesConfirmation task runs with. Renewed by each new wait.
   */
  readonly salesEscalatesAt?: string;
  readonly quoteValidUntil?: string;
  readonly decision?: 'accept' | 'reject';
  /** The promise version the customer decided on; a re-quote needs a new decision. */
  readonly decisionForVersion?: number;
  /** A sales decision that came before the workflow started waiting for it, for that promise version. */
  readonly salesDecision?: {
    readonly action: 'confirm' | 'adjust';
    readonly promisedDate?: string;
    readonly forVersion: number;
  };
  /** The quote version the customer asked to have renewed after it expired (sales were told once). */
  readonly requoteRequestedForVersion?: number;
  readonly cancelRequested?: boolean;
  readonly cancelReason?: string;
  readonly completedStages: readonly StageEvent[];
  readonly shipment?: {
    readonly carrier?: string;
    readonly trackingNumber?: string;
    readonly estimatedDelivery?: string;
  };
  readonly outcome?: { readonly deliveredOn: string; readonly onTime: boolean; readonly daysLate: number };
  /** Why the order waits for a person (status NEEDS_ATTENTION), and where a retry takes it back to. */
  readonly needsAttention?: NeedsAttention;
  /** How many times the order has needed attention; names each incident, its notice and its retry. */
  readonly attentionCount?: number;
  /** The last retry sales asked for, so the same request repeated answers the same. */
  readonly lastRetry?: {
    readonly executionName: string;
    /** When executionName last changed: a fresh name (a continuation, a retry) may not have started yet. */
    readonly executionNamedAt?: string;
    readonly idempotencyKey?: string;
    readonly at: string;
  };
  readonly lastTransitionId?: string;
}

export interface NeedsAttention {
  /** Error class or outcome name, for operators (e.g. SupplyDataError, States.Timeout). */
  readonly error: string;
  /** The cause in words, never a stack trace. */
  readonly cause: string;
  readonly at: string;
  readonly incident: number;
  /** The status the order had; the retry resumes from it. Absent for an order that had already finished. */
  readonly previousStatus?: OrderStatus;
  readonly previousTransitionId?: string;
}

export interface TimelineEntry {
  readonly at: string;
  readonly kind: string;
  readonly status?: OrderStatus;
  readonly summary: string;
  readonly data?: Record<string, unknown>;
}

export interface WaitRecord {
  readonly orderId: string;
  readonly stage: WaitStage;
  readonly taskToken: string;
  readonly since: string;
}

export interface Transition {
  readonly to: OrderStatus;
  readonly at: string;
  readonly summary: string;
  readonly patch?: Partial<Omit<Order, 'orderId' | 'status' | 'customerId' | 'createdAt'>>;
  readonly data?: Record<string, unknown>;
  /**
   * Names this occurrence of the move (e.g. `QUOTED#v2`), so a step retried after it succeeded is a
   * no-op while a genuine repeat (a re-quote with a new promise version) still applies. Defaults to `to`.
   */
  readonly id?: string;
}

export interface ErpEventRecord {
  readonly eventId: string;
  /** RECEIVED once recorded, APPLIED once the workflow and the promise have taken it in. Absent on old records: applied. */
  readonly state?: 'RECEIVED' | 'APPLIED';
  /** SHA-256 of what the event says (order, type, time, data): the same id must always say the same. */
  readonly bodyHash?: string;
  readonly orderId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly data: Record<string, unknown>;
}

export interface OrderListQuery {
  readonly status?: OrderStatus;
  readonly customerId?: string;
  readonly atRisk?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/** Everything stored about one order, read at once for its views. */
export interface OrderView {
  readonly order: Order;
  readonly promise?: Record<string, unknown>;
  readonly timeline: readonly TimelineEntry[];
  readonly notifications: readonly Record<string, unknown>[];
  readonly waits: readonly WaitRecord[];
}

/** How leaving NEEDS_ATTENTION resumes an order (a retry). */
export interface ResumeFromAttention {
  readonly incident: number;
  readonly to: OrderStatus;
  readonly previousTransitionId?: string;
  readonly executionName: string;
  readonly lastRetry: NonNullable<Order['lastRetry']>;
  readonly at: string;
  readonly summary: string;
}
