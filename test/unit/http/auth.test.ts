import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_WINDOW_SECONDS, signBody, verifySignature } from '../../../functions/shared/auth/hmac.ts';
import { assertSalesClaims, verifySalesToken } from '../../../functions/shared/auth/jwt.ts';
import { ForbiddenError, UnauthorizedError } from '../../../functions/shared/errors.ts';

describe('ERP signatures', () => {
  const secret = 'erp-secret';
  const body = '{"eventId":"e1"}';
  const now = 1_800_000_000;
  const header = (timestamp: number, raw = body) => `t=${timestamp},v1=${signBody(secret, raw, timestamp)}`;

  it('accepts a signature made within the window', () => {
    expect(() => verifySignature(header(now - 60), body, secret, now)).not.toThrow();
  });

  it.each([
    ['a missing header', undefined, /Missing/],
    ['a malformed header', 'sha256=abc', /Malformed/],
    ['a replay outside the 5-minute window', header(now - 301), /window/],
    ['a timestamp from the future beyond the window', header(now + 301), /window/],
    ['a different body', header(now, '{"eventId":"e2"}'), /does not match/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => verifySignature(value, body, secret, now)).toThrow(message);
  });
});

describe('sales tokens, verified as API Gateway does', () => {
  let server: http.Server;
  let sign: (claims: Record<string, unknown>, expires: string | number | undefined) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    server = http.createServer((_, response) => response.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    Object.assign(process.env, {
      JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      JWT_ISSUER: 'https://issuer',
      JWT_AUDIENCE: 'api',
    });
    sign = (claims, expires) => {
      const token = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(String(claims.iss ?? 'https://issuer'))
        .setAudience(String(claims.aud ?? 'api'));
      return (expires === undefined ? token : token.setExpirationTime(expires)).sign(privateKey);
    };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a valid token and returns its claims', async () => {
    expect(await verifySalesToken(await sign({ sub: 'alice' }, '1h'))).toMatchObject({ sub: 'alice' });
  });

  it("accepts a Cognito access token of the console's app client when JWT_AUDIENCE lists both clients", async () => {
    process.env.JWT_AUDIENCE = 'api,console-client';
    try {
      const token = await sign({ sub: 'alice', aud: 'unused', client_id: 'console-client' }, '1h');
      expect(await verifySalesToken(token)).toMatchObject({ sub: 'alice' });
      const other = await sign({ sub: 'alice', aud: 'unused', client_id: 'someone-else' }, '1h');
      await expect(verifySalesToken(other)).rejects.toBeInstanceOf(UnauthorizedError);
    } finally {
      process.env.JWT_AUDIENCE = 'api';
    }
  });

  it.each([
    ['an expired token', { sub: 'a' }, Math.floor(Date.now() / 1000) - 60],
    ['another issuer', { sub: 'a', iss: 'https://elsewhere' }, '1h'],
    ['another audience', { sub: 'a', aud: 'other-api' }, '1h'],
    ['a token that never expires (no exp)', { sub: 'a' }, undefined],
  ])('refuses %s', async (_name, claims, expires) => {
    await expect(verifySalesToken(await sign(claims, expires))).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('what a sales token must say besides being valid', () => {
  const exp = Math.floor(Date.now() / 1000) + 600;

  it.each([
    ['a Cognito list', { exp, 'cognito:groups': ['admins', 'sales'] }],
    ["API Gateway's string form", { exp: String(exp), 'cognito:groups': '[admins sales]' }],
  ])('accepts the sales group as %s', (_name, claims) => {
    expect(() => assertSalesClaims(claims)).not.toThrow();
  });

  it.each([
    ['no group', { exp }, ForbiddenError],
    ['another group only', { exp, 'cognito:groups': ['salesmanagers'] }, ForbiddenError],
    ['no expiry', { 'cognito:groups': ['sales'] }, UnauthorizedError],
  ])('refuses claims with %s', (_name, claims, error) => {
    expect(() => assertSalesClaims(claims)).toThrow(error);
  });
});

describe('signatures with a nonce', () => {
  const now = 1_800_000_000;
  const signed = (nonce: string) => `t=${now},n=${nonce},v1=${signBody('s', 'body', now, nonce)}`;

  it('accepts the same body signed twice in one second with two nonces, as two signatures', () => {
    const first = verifySignature(signed('nonce-0001'), 'body', 's', now);
    const second = verifySignature(signed('nonce-0002'), 'body', 's', now);

    expect(first.hash).not.toBe(second.hash);
  });

  it.each([
    ['a nonce left out', `t=${now},v1=${signBody('s', 'body', now, 'nonce-0001')}`, /does not match/],
    [
      'another nonce',
      `t=${now},n=nonce-0002,v1=${signBody('s', 'body', now, 'nonce-0001')}`,
      /does not match/,
    ],
    ['a malformed nonce', `t=${now},n=a.b,v1=${signBody('s', 'body', now, 'a.b')}`, /Malformed/],
  ])('refuses %s', (_name, header, message) => {
    expect(() => verifySignature(header, 'body', 's', now)).toThrow(message);
  });
});

describe('the signature a request spends', () => {
  it('is identified by a hash, never by the signature itself, and expires after the window', () => {
    const now = 1_800_000_000;
    const header = `t=${now},v1=${signBody('s', 'body', now)}`;

    const verified = verifySignature(header, 'body', 's', now);

    expect(verified.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(header).not.toContain(verified.hash);
    expect(verified.expiresAt).toBeGreaterThan(now + SIGNATURE_WINDOW_SECONDS);
  });
});
