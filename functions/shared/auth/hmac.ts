import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors.ts';

/** How far a signed request's timestamp may be from now: outside it a request (or a replay) is refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** An optional nonce (`n=`) in the header: lets a sender send the same body twice in one second. */
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * HMAC-SHA256 of `t.rawBody`, or of `t.n.rawBody` with a nonce. A JSON body never starts like a
 * nonce followed by a dot, so the two forms cannot be passed off as each other.
 */
export function signBody(secret: string, rawBody: string, timestamp: number, nonce?: string): string {
  const signed = nonce === undefined ? `${timestamp}.${rawBody}` : `${timestamp}.${nonce}.${rawBody}`;
  return createHmac('sha256', secret).update(signed).digest('hex');
}

/** A verified signature: when it was made, and the hash that marks it as used (never the signature itself). */
export interface VerifiedSignature {
  readonly timestamp: number;
  readonly hash: string;
  /** Unix seconds after which the timestamp check alone refuses it: the end of its single use. */
  readonly expiresAt: number;
}

/**
 * Checks `X-Signature: t=<unix seconds>[,n=<nonce>],v1=<hex>` = HMAC-SHA256(secret, `t.rawBody`)
 * (or `t.n.rawBody`), in constant time, and that t is within the window. Throws UnauthorizedError
 * naming what is wrong. Whether the signature was used before is the caller's check (single use).
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secret: string,
  nowSeconds = Date.now() / 1000,
): VerifiedSignature {
  if (!header) throw new UnauthorizedError('Missing X-Signature header');
  const parts = Object.fromEntries(
    header.split(',').map((part) => part.trim().split('=', 2) as [string, string]),
  );
  const timestamp = Number(parts.t);
  const signature = parts.v1 ?? '';
  const nonce = parts.n;
  if (
    !Number.isInteger(timestamp) ||
    !/^[0-9a-f]{64}$/.test(signature) ||
    (nonce !== undefined && !NONCE.test(nonce))
  ) {
    throw new UnauthorizedError(
      'Malformed X-Signature header: expected t=<unix seconds>,v1=<hex sha256> (and optionally n=<8-64 of A-Z a-z 0-9 _ ->)',
    );
  }
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    throw new UnauthorizedError('Signature timestamp is outside the 5-minute window');
  }
  const expected = Buffer.from(signBody(secret, rawBody, timestamp, nonce), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    throw new UnauthorizedError('Signature does not match');
  return {
    timestamp,
    hash: createHash('sha256').update(signature).digest('hex'),
    expiresAt: timestamp + SIGNATURE_WINDOW_SECONDS + 60,
  };
}
