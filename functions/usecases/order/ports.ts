import type { StageEvent, WaitStage } from '../../domain/order/stages.ts';
import type {
  ErpEventRecord,
  Order,
  OrderLine,
  OrderListQuery,
  OrderView,
  ResumeFromAttention,
  TimelineEntry,
  Transition,
  WaitRecord,
} from '../../domain/order/types.ts';
import type { BasisEntry, PromiseResult, VersionedPromise } from '../../domain/promise/types.ts';
import type { EarlyWarning } from '../../domain/promise/policy.ts';
import type { NotificationEvent } from '../notify/index.ts';

/**
 * What the order use cases need from the rest of the product. The wiring in ./wiring.ts binds
 * these to the DynamoDB, Step Functions and notification adapters; tests can bind them to others.
 */
export interface CustomerFacts {
  readonly customerId: string;
  readonly tier: 'A' | 'B' | 'C';
  readonly region: string;
  readonly acceptsSplitDelivery: boolean;
}

export interface QuotedPromise {
  readonly promise: VersionedPromise;
  readonly orderValue: number;
}

export type Reservation =
  | { readonly outcome: 'reserved'; readonly promise: VersionedPromise }
  | { readonly outcome: 'moved'; readonly fresh: PromiseResult; readonly promise: VersionedPromise };

/** What the order use cases ask the notification use case to send. */
export type Notice = NotificationEvent;

/**
 * Where orders, their timelines, waits and ERP events are kept. Every conditional write answers
 * false when its condition does not hold, and writes nothing then.
 */
export interface OrderRepository {
  /** Stores a new order, its first timeline entry and its tracking token; false when the id exists. */
  createOrder(order: Order, trackingTokenHash: string): Promise<boolean>;
  getOrder(orderId: string): Promise<Order | undefined>;
  getOrderView(orderId: string): Promise<OrderView | undefined>;
  /** Moves the order only from a status allowed to precede `to`, and only once per transition id. */
  transitionOrder(orderId: string, transition: Transition): Promise<boolean>;
  /** Resumes the given NEEDS_ATTENTION incident; false when the order is no longer in it. */
  leaveNeedsAttention(orderId: string, resume: ResumeFromAttention): Promise<boolean>;
  patchOrder(
    orderId: string,
    patch: Partial<Order>,
    condition?: { unlessTerminal: boolean },
  ): Promise<boolean>;
  /** The same (at, kind) written twice stays one entry. */
  appendTimeline(orderId: string, entry: TimelineEntry): Promise<void>;
  setAtRisk(orderId: string, reason: string, at: string): Promise<void>;
  clearAtRisk(orderId: string): Promise<void>;
  saveWait(record: WaitRecord): Promise<void>;
  getWait(orderId: string, stage: WaitStage): Promise<WaitRecord | undefined>;
  /** Removes a wait only if it still holds the given token. */
  deleteWait(orderId: string, stage: WaitStage, taskToken?: string): Promise<void>;
  /** Records an ERP event once (with its arrived marker for a stage event); false when seen before. */
  recordErpEvent(event: ErpEventRecord, stage: StageEvent | undefined, summary: string): Promise<boolean>;
  getErpEvent(eventId: string): Promise<ErpEventRecord | undefined>;
  markErpEventApplied(eventId: string, at: string): Promise<void>;
  getArrivedEvent(orderId: string, stage: StageEvent): Promise<ErpEventRecord | undefined>;
  listOrders(query: OrderListQuery): Promise<{ orders: Order[]; nextCursor?: string }>;
}

export interface PromisePort {
  /** Computes and stores version 1 of the order's promise. */
  quote(order: Order, customer: CustomerFacts): Promise<QuotedPromise>;
  /** Recomputes and reserves stock and capacity atomically, or reports that the date moved. */
  reserve(order: Order, customer: CustomerFacts): Promise<Reservation>;
  /** Frees everything the order holds; safe to repeat. */
  release(orderId: string): Promise<void>;
  /** The order's stored promise (latest version), if it has one. */
  current(orderId: string): Promise<VersionedPromise | undefined>;
  /** Stores a promise version set by sales (adjust), with the reason; `override` when earlier than capable. */
  adjust(orderId: string, date: string, reason: string, override?: boolean): Promise<VersionedPromise>;
  /** The plant's IANA time zone (supply settings): "today" for a promise is the plant's today. */
  plantTimeZone(): Promise<string>;
  /**
   * Re-checks the promise after an ERP event that carries dates (delay, carrier estimate), and
   * learns from the event (by its id) how late the order's path was.
   */
  recheckAfterEvent(
    order: Order,
    event: { type: string; data: Record<string, unknown>; occurredAt: string; eventId?: string },
  ): Promise<{
    changed: boolean;
    promise?: VersionedPromise;
    previousDate?: string;
    cause?: readonly BasisEntry[];
    /** The promise holds, but its buffer is mostly eaten: the customer hears early (plant policy). */
    earlyWarning?: EarlyWarning;
  }>;
}

/** Whether an execution still runs; MISSING when there is none of that name. */
export type ExecutionState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'MISSING';

export interface WorkflowPort {
  start(executionName: string, input: unknown): Promise<void>;
  state(executionName: string): Promise<ExecutionState>;
  /** Stops an execution if it still runs; harmless otherwise. */
  stop(executionName: string, cause: string): Promise<void>;
  resume(taskToken: string, output: unknown): Promise<'resumed' | 'gone'>;
  fail(taskToken: string, error: string, cause: string): Promise<'failed' | 'gone'>;
}

export interface OrderDeps {
  readonly now: () => Date;
  readonly settings: {
    readonly quoteValiditySeconds: number;
    readonly salesEscalationSeconds: number;
    readonly orderValueThreshold: number;
    /** When set, every stage deadline is this many seconds (demos and tests); otherwise it comes from the plan. */
    readonly stageDeadlineSeconds?: number;
    readonly overdueRecheckSeconds: number;
    /** An execution older than this carries on in a new one, well before Step Functions' one-year limit. */
    readonly continueAsNewAfterSeconds: number;
  };
  readonly orders: OrderRepository;
  readonly customers: { get(customerId: string): Promise<CustomerFacts | undefined> };
  readonly products: { missing(skus: readonly string[]): Promise<string[]> };
  readonly promises: PromisePort;
  readonly workflow: WorkflowPort;
  readonly notify: (notice: Notice) => Promise<void>;
  /** Asks the ERP for the status of a stage that missed its deadline. */
  readonly requestErpStatus: (request: {
    orderId: string;
    stage: string;
    missedDeadlineCount: number;
    requestedAt: string;
  }) => Promise<'sent' | 'not-configured' | 'failed'>;
  readonly trackingLink: (orderId: string) => Promise<{ token: string; url: string; tokenHash: string }>;
}

export type { ErpEventRecord, Order, OrderLine, Transition };
