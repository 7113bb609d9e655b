/** A deep copy of plain data (what the product stores is JSON-shaped); cheaper than structuredClone. */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    // Absent, not undefined: stores keep no explicit undefineds (DynamoDB drops them too).
    if (field !== undefined) out[key] = copy(field);
  }
  return out as T;
}
