/**
 * The promise of one order, and the dependency items that let a supply change find it.
 *
 * | item                     | PK         | SK                                   | indexes                               |
 * |--------------------------|------------|--------------------------------------|---------------------------------------|
 * | promise record           | ORDER#<id> | PROMISE                              |                                       |
 * | dependency of open order | ORDER#<id> | DEPENDS#SKU#<sku> / DEPENDS#WC#<id>  | GSI3 DEPENDS#SKU#<sku> / ORDER#<id> (same for WC) |
 *
 * The record holds what is needed to recompute the order without reading the order itself: region,
 * lines, split preference, the VersionedPromise, the latest projection and the holds it owns.
 * Every write is a compare-and-swap on the record's `revision` (bumped by each write), so two
 * re-checks, a re-check and a reservation, or a reservation and a release can never lose each
 * other's changes: the later writer fails its condition, re-reads and tries again. Dependency items exist only while the order holds supply (written at
 * reservation, deleted on release), so GSI3 lists exactly the open orders a change can affect.
 *
 * Access patterns: record by key; dependents of a SKU, work center, region or the plant by Query
 * on GSI3 (never a scan); an order's dependency items by Query on its partition with
 * `begins_with(SK, DEPENDS#)`.
 */
export type { PromiseRecord } from '../../../domain/promise/records.ts';

export const promiseKey = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'PROMISE' });
export const DEPENDS_PREFIX = 'DEPENDS#';
/**
 * What a promise depends on: the SKUs and work centers of its plan, the transit time of its region,
 * and the plant's settings (calendars, cut-off, time zone; one key, `PLANT#plant`, for all orders).
 */
export type DependencyKind = 'SKU' | 'WC' | 'REGION' | 'PLANT';
export const PLANT_DEPENDENCY_ID = 'plant';
export const dependsIndexKey = (kind: DependencyKind, id: string) => `${DEPENDS_PREFIX}${kind}#${id}`;
export const dependsKey = (orderId: string, kind: DependencyKind, id: string) => ({
  PK: `ORDER#${orderId}`,
  SK: dependsIndexKey(kind, id),
  GSI3PK: dependsIndexKey(kind, id),
  GSI3SK: `ORDER#${orderId}`,
});
