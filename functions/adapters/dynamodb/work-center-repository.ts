/**
 * Work centers as stored (entities/work-center.ts): the capacity calendar and every order's held
 * hours in one item, read by id or listed a page at a time through GSI1. For people and
 * integrators; promises read calendars through the snapshot (supply-repository.ts loadSnapshot).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CapacityReservation, WorkCenter } from '../../domain/promise/types.ts';
import { dynamo, tableName } from './client.ts';
import { decodeHolds, decodeLegacyHold, HOLD_PREFIX, HOLDS_ATTRIBUTE } from './entities/supply.ts';
import { calendarKey, WORK_CENTER_LIST_PARTITION, workCenterOfPartition } from './entities/work-center.ts';
import { queryIndexPage, type Page } from './product-repository.ts';
import type { Item } from './supply-items.ts';

/** A work center's calendar and the hours orders hold on it. */
export interface StoredWorkCenter extends WorkCenter {
  readonly holds: readonly CapacityReservation[];
}

function workCenterOf(item: Item): StoredWorkCenter {
  const id = workCenterOfPartition(String(item.PK));
  const holds: CapacityReservation[] = [];
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(HOLD_PREFIX))
      for (const entry of decodeLegacyHold(value))
        holds.push({
          orderId: name.slice(HOLD_PREFIX.length),
          workCenter: id,
          hours: entry.amount,
          date: entry.date,
        });
  for (const [orderId, entries] of decodeHolds(item[HOLDS_ATTRIBUTE]))
    for (const entry of entries)
      holds.push({ orderId, workCenter: id, hours: entry.amount, date: entry.date });
  return {
    id,
    hoursByWeekday: (item.hoursByWeekday ?? {}) as WorkCenter['hoursByWeekday'],
    exceptions: (item.exceptions ?? {}) as WorkCenter['exceptions'],
    holds: holds.sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** A work center the ERP defined (it has a calendar), or undefined. */
export async function readWorkCenter(id: string): Promise<StoredWorkCenter | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: calendarKey(id), ConsistentRead: true }),
  );
  return Item?.hoursByWeekday ? workCenterOf(Item) : undefined;
}

/** Work centers in id order, `limit` a page; `cursor` is the `nextCursor` of the page before. */
export async function listWorkCenters(limit: number, cursor?: string): Promise<Page<StoredWorkCenter>> {
  const page = await queryIndexPage(WORK_CENTER_LIST_PARTITION, limit, cursor);
  return { ...page, items: page.items.map(workCenterOf) };
}
