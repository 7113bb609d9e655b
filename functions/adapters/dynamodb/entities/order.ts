/**
 * Order entity and the items that live in its partition. One Query on `PK = ORDER#<id>` returns the
 * whole order view: the order, its promise record, timeline, waits and notifications.
 *
 * | item            | PK              | SK                    | indexes                                              |
 * |-----------------|-----------------|-----------------------|------------------------------------------------------|
 * | order           | ORDER#<id>      | ORDER                 | GSI1 STATUS#<status> / <createdAt>#<id>               |
 * |                 |                 |                       | GSI2 CUSTOMER#<customerId> / <createdAt>#<id>         |
 * |                 |                 |                       | GSI3 ORDERS / <createdAt>#<id> (all orders, newest)   |
 * | timeline entry  | ORDER#<id>      | TIMELINE#<at>#<kind>  |                                                      |
 * | waiting token   | ORDER#<id>      | WAIT#<stage>          |                                                      |
 * | arrived event   | ORDER#<id>      | ARRIVED#<stageEvent>  | kept for a stage not waited for yet                   |
 * | at-risk flag    | ORDER#<id>      | ATRISK                | GSI3 ATRISK / <since>#<id> (sparse)                  |
 * | ERP event seen  | ERPEVENT#<eid>  | ERPEVENT              | dedupe of ERP deliveries, forever; RECEIVED until     |
 * |                 |                 |                       | applied, then APPLIED (a retry re-applies RECEIVED)   |
 *
 * Access patterns: get order; order view (one partition query); list by status (GSI1), by customer
 * (GSI2), all or at risk (GSI3); find the token of a waiting stage; dedupe ERP events.
 */
import type { OrderStatus } from '../../../domain/order/status.ts';
import type { StageEvent, WaitStage } from '../../../domain/order/stages.ts';

export const orderKey = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' });
export const orderPartition = (orderId: string) => `ORDER#${orderId}`;
export const timelineSk = (at: string, kind: string) => `TIMELINE#${at}#${kind}`;
export const waitKey = (orderId: string, stage: WaitStage) => ({
  PK: `ORDER#${orderId}`,
  SK: `WAIT#${stage}`,
});
export const arrivedKey = (orderId: string, stage: StageEvent) => ({
  PK: `ORDER#${orderId}`,
  SK: `ARRIVED#${stage}`,
});
export const atRiskKey = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'ATRISK' });
export const erpEventKey = (eventId: string) => ({ PK: `ERPEVENT#${eventId}`, SK: 'ERPEVENT' });

export function orderIndexKeys(order: Pick<Order, 'orderId' | 'status' | 'customerId' | 'createdAt'>) {
  const sortKey = `${order.createdAt}#${order.orderId}`;
  return {
    GSI1PK: `STATUS#${order.status}`,
    GSI1SK: sortKey,
    GSI2PK: `CUSTOMER#${order.customerId}`,
    GSI2SK: sortKey,
    GSI3PK: 'ORDERS',
    GSI3SK: sortKey,
  };
}

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
