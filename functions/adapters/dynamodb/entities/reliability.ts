/**
 * How late each risk on promises' paths has been (usecases/promise/ports.ts ReliabilityStore).
 *
 * | item                       | PK                  | SK          | indexes |
 * |----------------------------|---------------------|-------------|---------|
 * | observations of one key    | RELIABILITY#<key>   | RELIABILITY |         |
 *
 * `<key>` is a risk key (`supplier:<sku>`, `transport:<region>`, `production:<bucket>`) or a pool
 * (`supplier`, `transport`, `production`). The item holds the last observations as two lists of
 * equal length, `ids` (the ERP event ids, so a redelivered event is not counted twice) and `days`
 * (business days late), oldest first, and a `version` that every write bumps. Writes are
 * conditional updates (append unless the id is there; drop the oldest while over the window).
 *
 * Access patterns: the keys of one path by BatchGetItem; one key's write by conditional Put.
 */
export const reliabilityKey = (key: string) => ({ PK: `RELIABILITY#${key}`, SK: 'RELIABILITY' });
export const keyOfReliabilityItem = (pk: string) => pk.slice('RELIABILITY#'.length);
