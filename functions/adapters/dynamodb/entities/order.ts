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
import type { Order } from '../../../domain/order/types.ts';
import type { StageEvent, WaitStage } from '../../../domain/order/stages.ts';

export type {
  NeedsAttention,
  Order,
  OrderLine,
  TimelineEntry,
  WaitRecord,
} from '../../../domain/order/types.ts';

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
