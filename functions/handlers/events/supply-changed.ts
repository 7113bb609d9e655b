import { notifyPromiseChanges, repromiseAfter } from '../../usecases/promise/changes.ts';

/** Re-promises the open orders that depend on changed SKUs or work centers, and tells who needs to know. */
export async function handler(event: {
  skus?: string[];
  workCenters?: string[];
}): Promise<{ repromised: number }> {
  const changes = await repromiseAfter({ skus: event.skus ?? [], workCenters: event.workCenters ?? [] });
  await notifyPromiseChanges(changes);
  return { repromised: changes.length };
}
