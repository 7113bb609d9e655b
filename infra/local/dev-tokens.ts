import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const LOCAL_ISSUER = 'https://promise-keeper.local/auth';
export const LOCAL_AUDIENCE = 'promise-keeper-api';

/**
 * The local stand-in for the Cognito user pool: a key pair made at start, its public key served
 * as a JWKS, and sales tokens signed with it. Handlers verify them exactly as cloud tokens.
 */
export async function createDevIdentity() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
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
