/**
 * Capacity of one work center, and the plant-wide settings that frame every calendar.
 *
 * | item                 | PK      | SK       | attributes                                                  |
 * |----------------------|---------|----------|-------------------------------------------------------------|
 * | work-center calendar | WC#<id> | CALENDAR | hoursByWeekday, exceptions; `holds` = hours held by every  |
 * |                      |         |          | order (entities/supply.ts encodeHolds); allocVersion         |
 * |                      |         |          | GSI1 `CATALOGUE#WORKCENTER` / `<id>` once it has a calendar |
 * | plant settings       | PLANT   | PLANT    | timeZone, dailyCutoff, horizonDays, plant/shipping/supplier calendars |
 *
 * `allocVersion` on CALENDAR plays the same role as on a SKU's STOCK item (entities/supply.ts):
 * every capacity hold, release and calendar change bumps it, and a reservation commits only against
 * the value it read. Holds live on the calendar item for the same reason as stock holds: one
 * BatchGetItem reads a work center's capacity, its holds and its version together.
 *
 * Access patterns: CALENDAR items by BatchGetItem (snapshot, with a BOM level's products); PLANT by
 * key, fetched in the snapshot's first BatchGetItem; every defined work center in id order, a page
 * at a time, by Query on GSI1 (console supply index, `GET /v1/erp/work-centers`).
 */
import { workCenterPartition } from '../../../domain/promise/records.ts';

export {
  isWorkCenterPartition,
  workCenterOfPartition,
  workCenterPartition,
} from '../../../domain/promise/records.ts';
export const calendarKey = (id: string) => ({ PK: workCenterPartition(id), SK: 'CALENDAR' });
/** GSI1 partition listing every work center that has a capacity calendar, sorted by id. */
export const WORK_CENTER_LIST_PARTITION = 'CATALOGUE#WORKCENTER';
export const workCenterIndexKey = (id: string) => ({ GSI1PK: WORK_CENTER_LIST_PARTITION, GSI1SK: id });
export const PLANT_KEY = { PK: 'PLANT', SK: 'PLANT' } as const;
