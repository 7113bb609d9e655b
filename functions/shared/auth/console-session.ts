import { createHash } from 'node:crypto';

/**
 * The sales console's session: an HttpOnly cookie holding the very JWT a bearer token carries, so
 * the console is authorized by the same verification (signature, issuer, audience, expiry, sales
 * group) as the JSON API. The cookie lives no longer than the token inside it.
 */
export const SESSION_COOKIE = 'pk_console';

/** A cookie from API Gateway's `cookies` list (cloud) or a Cookie header (local server, tests). */
export function cookieValue(
  wanted: string,
  cookies: readonly string[] | undefined,
  cookieHeader: string | undefined,
) {
  const pairs = [...(cookies ?? []), ...(cookieHeader ?? '').split(';')];
  for (const pair of pairs) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === wanted && rest.length > 0) return rest.join('=');
  }
  return undefined;
}

export const sessionToken = (cookies: readonly string[] | undefined, cookieHeader: string | undefined) =>
  cookieValue(SESSION_COOKIE, cookies, cookieHeader);

/** Binds form tokens to one session: a form from another session (or before a logout) does not fit. */
export const sessionHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * The Set-Cookie of a new session. `Secure` whenever the request came over https (always in the
 * cloud; the local runtime is plain http on localhost, where a Secure cookie would not be sent back).
 */
export function sessionCookie(token: string, expiresAtSeconds: number, secure: boolean, now = new Date()) {
  const maxAge = Math.max(0, Math.floor(expiresAtSeconds - now.getTime() / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/console; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean) =>
  `${SESSION_COOKIE}=; Path=/console; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

/** Whether the browser reached us over https (API Gateway sets X-Forwarded-Proto). */
export const overHttps = (headers: Readonly<Record<string, string | undefined>>): boolean =>
  headers['x-forwarded-proto'] === 'https';
