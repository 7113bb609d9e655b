/**
 * Shipping transit time to each customer region, in business days on the plant's shipping calendar.
 *
 * | item         | PK      | SK              | attributes    |
 * |--------------|---------|-----------------|---------------|
 * | transit time | TRANSIT | REGION#<region> | region, days  |
 *
 * Access patterns: one region by key (the snapshot of a request, in its first BatchGetItem); all
 * regions by Query on `PK = TRANSIT` (small: one item per region).
 */
export const TRANSIT_PARTITION = 'TRANSIT';
export const transitKey = (region: string) => ({ PK: TRANSIT_PARTITION, SK: `REGION#${region}` });
