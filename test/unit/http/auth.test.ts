import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../functions/shared/auth/hmac.ts';
import { verifySalesToken } from '../../../functions/shared/auth/jwt.ts';
import { UnauthorizedError } from '../../../functions/shared/errors.ts';

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
  let sign: (claims: Record<string, unknown>, expires: string | number) => Promise<string>;
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
    sign = (claims, expires) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(String(claims.iss ?? 'https://issuer'))
        .setAudience(String(claims.aud ?? 'api'))
        .setExpirationTime(expires)
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a valid token and returns its claims', async () => {
    expect(await verifySalesToken(await sign({ sub: 'alice' }, '1h'))).toMatchObject({ sub: 'alice' });
  });

  it.each([
    ['an expired token', { sub: 'a' }, Math.floor(Date.now() / 1000) - 60],
    ['another issuer', { sub: 'a', iss: 'https://elsewhere' }, '1h'],
    ['another audience', { sub: 'a', aud: 'other-api' }, '1h'],
  ])('refuses %s', async (_name, claims, expires) => {
    await expect(verifySalesToken(await sign(claims, expires))).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
