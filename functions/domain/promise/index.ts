export * from './types.ts';
export { computePromise } from './engine.ts';
export { recheckPromise, firstVersion, adjustedVersion, projectFromStageEvent } from './versioning.ts';
export { atpProfile, earliestDateFor, isOverCommitted } from './atp.ts';
export { addBusinessDays, orderCountsFrom } from './calendar.ts';
