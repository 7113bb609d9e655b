/**
 * The promise engine's use cases: quotes and checks (quote.ts), reservations (reserve.ts),
 * re-promising after supply changes (repromise.ts) and the ERP's supply writes (supply.ts).
 */
export {
  adjustPromise,
  checkPromise,
  getPromiseRecord,
  quoteOrder,
  recheckAfterEvent,
  type PromiseSubject,
} from './quote.ts';
export { holdsOf, releaseForOrder, reserveForOrder, type ReserveOutcome } from './reserve.ts';
export { repromiseDependents, type PromiseChange } from './repromise.ts';
export { storeProduct, storeSupply } from './supply.ts';
