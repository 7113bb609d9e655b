/**
 * Tracking links, stored by the hash of their token only (the token and the link are never stored).
 *
 * | item               | PK                    | SK                 | attributes                        |
 * |--------------------|-----------------------|--------------------|-----------------------------------|
 * | tracking token     | TRACK#<sha256(token)> | TRACK              | orderId; issuedAt, generation for a fresh link |
 * | fresh-link request | ORDER#<id>            | FRESHLINK#<day>    | one per order and day (rate limit); expiresAt |
 *
 * Access patterns: the order of a token (GetItem); one fresh link per order and day (conditional put).
 */
export const trackKey = (tokenHash: string) => ({ PK: `TRACK#${tokenHash}`, SK: 'TRACK' });
export const freshLinkKey = (orderId: string, day: string) => ({
  PK: `ORDER#${orderId}`,
  SK: `FRESHLINK#${day}`,
});

export interface TrackRecord {
  readonly orderId: string;
  /** Set on fresh links: they work for the lifetime from this instant even after the order ended. */
  readonly issuedAt?: string;
  readonly generation?: number;
}
