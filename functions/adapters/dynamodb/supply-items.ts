/**
 * Helpers the supply repositories share: reading many items by key, comparing stored values with
 * new ones whatever their key order, and taking the table's own attributes off an item.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';
import { mapWithLimit } from '../../shared/map-with-limit.ts';

export type Item = Record<string, unknown>;

/** Requests in flight at once for fan-out reads and writes: enough to overlap, not to flood. */
export const FAN_OUT = 16;

/** An item without its keys, index keys and bookkeeping: the domain object it stores. */
export const strip = <T>(item: Item): T => {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _g1,
    GSI1SK: _s1,
    GSI3PK: _g,
    GSI3SK: _s,
    entity: _e,
    allocVersion: _v,
    closure: _c,
    ...rest
  } = item;
  return rest as T;
};

export { mapWithLimit };

/** Same value, whatever the key order of nested objects: ERP payloads and stored maps differ in order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Item)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Item)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export async function batchGet(keys: readonly Item[], consistent = false, perRequest = 100): Promise<Item[]> {
  const chunks: Item[][] = [];
  for (let start = 0; start < keys.length; start += perRequest)
    chunks.push(keys.slice(start, start + perRequest));
  const pages = await mapWithLimit(chunks, FAN_OUT, async (chunk) => {
    const items: Item[] = [];
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: chunk, ConsistentRead: consistent },
    };
    for (let attempt = 0; request && Object.keys(request).length; attempt += 1) {
      // Unprocessed keys mean throttling: back off a little before asking again.
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(result.Responses?.[tableName()] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
    return items;
  });
  return pages.flat();
}
