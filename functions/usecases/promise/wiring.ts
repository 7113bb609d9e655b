/**
 * The promise use cases bound to DynamoDB, with the signatures the handlers, the order wiring and
 * the integration tests call: each takes the instant to compute at (or uses the wall clock).
 */
import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import { dynamoOrderRepository } from '../../adapters/dynamodb/order-repository.ts';
import { dynamoPromiseRecords, dynamoSupply } from '../../adapters/dynamodb/promise-ports.ts';
import { dynamoReliability } from '../../adapters/dynamodb/reliability-repository.ts';
import type { PromiseRecord } from '../../domain/promise/records.ts';
import type { PromiseRequest } from '../../domain/promise/types.ts';
import { notify } from '../notify/index.ts';
import * as changes from './changes.ts';
import type {
  AllocationVersions,
  Dependencies,
  PromiseDeps,
  PromiseNoticeDeps,
  PromiseRecordContent,
} from './ports.ts';
import * as quote from './quote.ts';
import * as repromise from './repromise.ts';
import * as reserve from './reserve.ts';
import * as supply from './supply.ts';

/** The DynamoDB-backed ports, computing at `now` (the wall clock unless given). */
export const dynamoPromiseDeps = (now: () => Date = () => new Date()): PromiseDeps => ({
  now,
  records: dynamoPromiseRecords,
  supply: dynamoSupply,
  reliability: dynamoReliability(),
});
const at = (now: Date) => dynamoPromiseDeps(() => now);

const noticeDeps: PromiseNoticeDeps = {
  now: () => new Date(),
  orders: dynamoOrderRepository,
  customers: { get: getCustomer },
  notify: async (notice) => void (await notify(notice)),
};

export const checkPromise = (request: PromiseRequest, now: Date) => quote.checkPromise(at(now), request);
export const checkQuote = (request: PromiseRequest, now: Date, tier?: string) =>
  quote.checkQuote(at(now), request, tier);
export const quoteOrder = (subject: quote.PromiseSubject, now: Date) => quote.quoteOrder(at(now), subject);
export const getPromiseRecord = (orderId: string) => quote.getPromiseRecord(dynamoPromiseDeps(), orderId);
export const adjustPromise = (orderId: string, date: string, reason: string, override = false) =>
  quote.adjustPromise(dynamoPromiseDeps(), orderId, date, reason, override);
export const recheckAfterEvent = (orderId: string, event: { type: string; data: Record<string, unknown> }) =>
  quote.recheckAfterEvent(dynamoPromiseDeps(), orderId, event);
export const reserveForOrder = (orderId: string, now: Date, attempts?: number) =>
  reserve.reserveForOrder(at(now), orderId, attempts);
export const reserveInChunks = (
  record: PromiseRecord,
  reserved: PromiseRecordContent,
  versions: AllocationVersions,
  now: Date,
) => reserve.reserveInChunks(at(now), record, reserved, versions);
export const releaseForOrder = (orderId: string) => reserve.releaseForOrder(dynamoPromiseDeps(), orderId);
export const repromiseDependents = (changed: Dependencies, now: Date, parallelism?: number) =>
  repromise.repromiseDependents(at(now), changed, parallelism);
/** Re-promises the open orders a supply change touches, now (see repromiseDependents). */
export const repromiseAfter = (changed: Dependencies) =>
  repromise.repromiseDependents(dynamoPromiseDeps(), changed);
export const notifyPromiseChanges = (list: readonly repromise.PromiseChange[]) =>
  changes.notifyPromiseChanges(noticeDeps, list);
export const storeProduct = (sku: string, input: unknown) =>
  supply.storeProduct(dynamoPromiseDeps(), sku, input);
export const storeSupply = (input: unknown) => supply.storeSupply(dynamoPromiseDeps(), input);
