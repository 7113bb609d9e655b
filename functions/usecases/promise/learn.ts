import { TEACHING_EVENTS, observationOf } from '../../domain/promise/policy.ts';
import type { PromiseDeps } from './ports.ts';
import { withRetries } from './quote.ts';

/** The ERP event as the promise use cases read it. */
export interface LearnedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

/**
 * Learns from an ERP event how late a risk on the order's path was (a supplier at
 * MATERIALS_READY, production at PRODUCTION_COMPLETED, the carrier at SHIPPED). Safe to repeat:
 * the store counts each event once.
 * 1. Read the order's promise record and the path its quoted plan expects; none: nothing to learn.
 * 2. Judge the event against that path on the plant's calendars.
 * 3. Store the observation under the event's id.
 * 4. A late supplier is remembered on the record, so production is not blamed for the same days.
 */
export async function learnFromEvent(deps: PromiseDeps, orderId: string, event: LearnedEvent): Promise<void> {
  const reliability = deps.reliability;
  // Most events teach nothing: they cost no read of the record or the plant.
  if (!reliability || !TEACHING_EVENTS.has(event.type)) return;
  const record = await deps.records.get(orderId);
  if (!record?.path) return;
  const { snapshot } = await deps.supply.loadSnapshot([], record.region);
  const observation = observationOf(
    event,
    record.path,
    snapshot.plant,
    snapshot.transitDays.get(record.region) ?? 0,
  );
  if (!observation) return;
  await reliability.record(observation.risk, event.eventId, observation.businessDaysLate);
  if (event.type !== 'MATERIALS_READY' || record.path.supplierLateDays === observation.businessDaysLate)
    return;
  await withRetries(3, async () => {
    const latest = await deps.records.get(orderId);
    if (!latest?.path) return;
    const { revision: _revision, ...content } = latest;
    await deps.records.put(
      { ...content, path: { ...latest.path, supplierLateDays: observation.businessDaysLate } },
      latest,
    );
  });
}
