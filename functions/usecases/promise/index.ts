/**
 * The promise engine's use cases: quotes and checks (quote.ts), reservations (reserve.ts),
 * re-promising after supply changes (repromise.ts), telling people (changes.ts) and the ERP's
 * supply writes (supply.ts). Each takes its ports (ports.ts) first; this module exports them bound
 * to DynamoDB (wiring.ts), which is what handlers and the order wiring call.
 */
export {
  adjustPromise,
  checkPromise,
  checkQuote,
  getPromiseRecord,
  notifyPromiseChanges,
  quoteOrder,
  recheckAfterEvent,
  releaseForOrder,
  repromiseAfter,
  repromiseDependents,
  reserveForOrder,
  storeProduct,
  storeSupply,
} from './wiring.ts';
export { holdsOf, type ReserveOutcome } from './reserve.ts';
export type { PromiseSubject } from './quote.ts';
export type { PromiseChange } from './repromise.ts';
