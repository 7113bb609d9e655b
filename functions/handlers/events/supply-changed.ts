import { notifyPromiseChanges, repromiseAfter } from '../../usecases/promise/index.ts';

/**
 * Re-promises the open orders that depend on changed SKUs, work centers, transit times or plant
 * settings, and tells who needs to know.
 */
export async function handler(event: {
  skus?: string[];
  workCenters?: string[];
  regions?: string[];
  plant?: boolean;
}): Promise<{ repromised: number }> {
  const changes = await repromiseAfter({
    skus: event.skus ?? [],
    workCenters: event.workCenters ?? [],
    regions: event.regions ?? [],
    plant: event.plant ?? false,
  });
  await notifyPromiseChanges(changes);
  return { repromised: changes.length };
}
