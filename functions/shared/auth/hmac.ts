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

/**
 * RFC 3986 percent-encoding (what `encodeURIComponent` does, plus `!'()*`), so that every client
 * library's notion of "encoded" gives the same bytes.
 */
const strictEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The query string as signed: each name and value decoded, then strictly re-encoded, the pairs
 * sorted by name and then value, joined by `&`. Clients may send the parameters in any order and
 * with any valid encoding (`+` or `%20` for a space); the signature covers what they mean.
 */
export function canonicalQuery(rawQueryString: string): string {
  return [...new URLSearchParams(rawQueryString)]
    .map(([name, value]) => [strictEncode(name), strictEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * What a request's signature covers in place of a body, for a method that has none (GET): the
 * request line `GET <path as sent>[?<canonical query>]`. A body signature could not bind these,
 * and a signature over an empty body would open every GET to whoever saw one. The line starts with
 * a method name, which no JSON body (POST, PUT) can, so a signature never fits both kinds.
 */
export function requestLine(method: string, rawPath: string, rawQueryString = ''): string {
  const query = canonicalQuery(rawQueryString);
  return `${method.toUpperCase()} ${rawPath}${query ? `?${query}` : ''}`;
}

/** Methods without a body, whose request line is signed instead (see requestLine). */
export const BODILESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** What the signature of a request covers: its raw body, or its request line when the method has no body. */
export function signedContent(
  method: string,
  rawPath: string,
  rawQueryString: string,
  rawBody: string,
): string {
  return BODILESS_METHODS.has(method.toUpperCase()) ? requestLine(method, rawPath, rawQueryString) : rawBody;
}

/** A verified signature: when it was made, and the hash that marks it as used (never the signature itself). */
export interface VerifiedSignature {
  readonly timestamp: number;
  readonly hash: string;
  /** Unix seconds after which the timestamp check alone refuses it: the end of its single use. */
  readonly expiresAt: number;
}

/**
 * Checks `X-Signature: t=<unix seconds>[,n=<nonce>],v1=<hex>` = HMAC-SHA256(secret, `t.content`)
 * (or `t.n.content`), in constant time, where content is signedContent(): the raw body, or the
 * request line of a GET, and that t is within the window. Throws UnauthorizedError
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
