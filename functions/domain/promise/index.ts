export * from './types.ts';
export { computePromise } from './engine.ts';
export { bindingConstraint } from './binding.ts';
export {
  recheckPromise,
  firstVersion,
  adjustedVersion,
  projectFromStageEvent,
  SALES_OVERRIDE,
} from './versioning.ts';
export {
  atpProfile,
  earliestDateFor,
  freeOn,
  isOverCommitted,
  overCommittedReservations,
  type AtpProfile,
  type Movement,
  type OverCommitment,
} from './atp.ts';
export {
  addBusinessDays,
  addDays,
  isWorkingDay,
  localDateTime,
  onOrNextWorkingDay,
  orderCountsFrom,
} from './calendar.ts';
