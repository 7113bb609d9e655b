import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { requiredEnv } from '../config.ts';
import { UnauthorizedError } from '../errors.ts';

let keySet: ReturnType<typeof createRemoteJWKSet> | undefined;
let keySetUrl: string | undefined;

/**
 * Verifies a sales bearer token the way API Gateway's JWT authorizer does: signature from the
 * issuer's JWKS, `iss`, `aud` (or Cognito's `client_id`) and expiry. Returns the claims.
 */
export async function verifySalesToken(token: string): Promise<JWTPayload> {
  const url = requiredEnv('JWT_JWKS_URL');
  if (!keySet || keySetUrl !== url) {
    keySet = createRemoteJWKSet(new URL(url));
    keySetUrl = url;
  }
  const audience = requiredEnv('JWT_AUDIENCE');
  try {
    const { payload } = await jwtVerify(token, keySet, { issuer: requiredEnv('JWT_ISSUER') });
    const audiences = [payload.aud, payload.client_id].flat().filter(Boolean);
    if (!audiences.includes(audience)) throw new UnauthorizedError('Token is not for this API (audience)');
    return payload;
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    throw new UnauthorizedError(`Invalid token: ${(error as Error).message}`);
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
