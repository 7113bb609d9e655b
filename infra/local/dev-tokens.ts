import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const LOCAL_ISSUER = 'https://promise-keeper.local/auth';
export const LOCAL_AUDIENCE = 'promise-keeper-api';

/** Where the local signing key is kept with `--data`, so tokens signed before a restart still verify. */
const KEY_FILE = 'local-signing-key.json';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

async function signingKey(dataDir?: string): Promise<{ privateKey: PrivateKey; publicJwk: JWK }> {
  const file = dataDir ? path.join(dataDir, KEY_FILE) : undefined;
  if (file) {
    const saved = await readFile(file, 'utf8').catch(() => undefined);
    if (saved) {
      const privateJwk = JSON.parse(saved) as JWK;
      // An RSA public key is its modulus and exponent.
      const publicJwk: JWK = { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e };
      return { privateKey: (await importJWK(privateJwk, 'RS256')) as PrivateKey, publicJwk };
    }
  }
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: Boolean(file) });
  if (file) {
    // A local development key, readable by its owner only (like an SSH key); written whole, then renamed.
    await writeFile(`${file}.tmp`, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
  return { privateKey, publicJwk: await exportJWK(publicKey) };
}

/**
 * The local stand-in for the Cognito user pool: a key pair (made at the first start, and kept in
 * the data directory when there is one), its public key served as a JWKS, and sales tokens signed
 * with it. Handlers verify them exactly as cloud tokens.
 */
export async function createDevIdentity(options: { dataDir?: string } = {}) {
  const { privateKey, publicJwk } = await signingKey(options.dataDir);
  const jwk: JWK = { ...publicJwk, kid: 'local-1', alg: 'RS256', use: 'sig' };
  const sign = (claims: Record<string, unknown> = {}, expiresIn = '12h') =>
    new SignJWT({ 'cognito:groups': ['sales'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject(String(claims.sub ?? 'local-sales-user'))
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return { jwks: { keys: [jwk] }, sign };
}
