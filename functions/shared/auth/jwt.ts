import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { requiredEnv } from '../config.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';

/** The Cognito group whose members are sales (the user pool's group; local dev tokens carry it too). */
export const SALES_GROUP = 'sales';

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
  // One app client id, or several separated by commas (the API's scripts and the console's sign-in).
  const allowed = requiredEnv('JWT_AUDIENCE').split(',');
  try {
    // A token without `exp` would be good forever once leaked.
    const { payload } = await jwtVerify(token, keySet, {
      issuer: requiredEnv('JWT_ISSUER'),
      requiredClaims: ['exp'],
    });
    const audiences = [payload.aud, payload.client_id].flat().filter(Boolean);
    if (!audiences.some((audience) => allowed.includes(String(audience))))
      throw new UnauthorizedError('Token is not for this API (audience)');
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

/**
 * The groups of a token's claims. Cognito puts a list in `cognito:groups`; API Gateway's JWT
 * authorizer hands claims to the function as strings, a list becoming `[sales admins]`.
 */
function groupsOf(claims: Readonly<Record<string, unknown>>): string[] {
  const groups = claims['cognito:groups'];
  if (Array.isArray(groups)) return groups.map(String);
  if (typeof groups === 'string')
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
}

/**
 * What a verified token must also say to act as sales: an expiry (401 without) and membership of
 * the sales group (403 without: signed in, but not sales).
 */
export function assertSalesClaims(claims: Readonly<Record<string, unknown>>): void {
  const exp = Number(claims.exp);
  if (claims.exp === undefined || !Number.isFinite(exp))
    throw new UnauthorizedError('The token has no expiry (exp)');
  if (!groupsOf(claims).includes(SALES_GROUP))
    throw new ForbiddenError(`The token's user is not in the ${SALES_GROUP} group`);
}
