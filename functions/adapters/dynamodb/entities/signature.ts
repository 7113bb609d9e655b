/**
 * ERP request signatures already used, so a captured request cannot be replayed.
 *
 * | item           | PK                 | SK        | attributes                   |
 * |----------------|--------------------|-----------|------------------------------|
 * | used signature | SIGNATURE#<sha256> | SIGNATURE | expiresAt (TTL, unix seconds) |
 *
 * Access pattern: one conditional Put per signed request (`attribute_not_exists(PK)`). Only a hash
 * of the signature is stored. The table's TTL removes the item once the signature's timestamp is
 * outside the window anyway; until then it refuses the same signature again.
 */
export const signatureKey = (signatureHash: string) => ({
  PK: `SIGNATURE#${signatureHash}`,
  SK: 'SIGNATURE',
});
