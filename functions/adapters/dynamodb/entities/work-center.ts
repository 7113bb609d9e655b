/**
 * Capacity of one work center, and the plant-wide settings that frame every calendar.
 *
 * | item                      | PK      | SK            | attributes                                         |
 * |---------------------------|---------|---------------|----------------------------------------------------|
 * | work-center calendar      | WC#<id> | CALENDAR      | hoursByWeekday, exceptions, allocVersion           |
 * | capacity held by an order | WC#<id> | RES#<orderId> | orderId, entries [{date, amount}] (amount = hours) |
 * | plant settings            | PLANT   | PLANT         | timeZone, dailyCutoff, horizonDays, plant/shipping/supplier calendars |
 *
 * `allocVersion` on CALENDAR plays the same role as on a SKU's STOCK item: every capacity hold,
 * release and calendar change bumps it, and a reservation commits only against the value it read.
 *
 * Access patterns: the whole work-center partition by Query (snapshot); PLANT by key, fetched in
 * the snapshot's first BatchGetItem together with the order's products.
 */
export const workCenterPartition = (id: string) => `WC#${id}`;
export const workCenterOfPartition = (partition: string) => partition.slice('WC#'.length);
export const isWorkCenterPartition = (partition: string) => partition.startsWith('WC#');
export const calendarKey = (id: string) => ({ PK: workCenterPartition(id), SK: 'CALENDAR' });
export const PLANT_KEY = { PK: 'PLANT', SK: 'PLANT' } as const;
