import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getTrack, secret, useSignatureOnce } from '../wiring.ts';
import { signedContent, verifySignature, type VerifiedSignature } from '../../../shared/auth/hmac.ts';
import { assertSalesClaims, bearerToken, verifySalesToken } from '../../../shared/auth/jwt.ts';
import { hashTrackingToken } from '../../../shared/auth/tracking-token.ts';
import { sessionHash, sessionToken } from '../../../shared/auth/console-session.ts';
import { NotFoundError, ReplayedRequestError, UnauthorizedError } from '../../../shared/errors.ts';
import type { Audience } from '../routes.ts';
import type { Principal } from './types.ts';

type Claims = Record<string, unknown>;
const gatewayClaims = (event: APIGatewayProxyEventV2): Claims | undefined =>
  (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;

function salesPrincipal(claims: Claims): Principal {
  assertSalesClaims(claims);
  return { kind: 'sales', subject: String(claims.sub ?? 'unknown'), claims };
}

/** A sales token from a bearer header or the console's cookie: verified, then the same claim checks. */
export async function salesFromToken(
  token: string,
  session?: string,
): Promise<Extract<Principal, { kind: 'sales' }>> {
  const claims = (await verifySalesToken(token)) as Claims;
  assertSalesClaims(claims);
  return {
    kind: 'sales',
    subject: String(claims.sub ?? 'unknown'),
    claims,
    ...(session ? { session } : {}),
  };
}

async function erpPrincipal(event: APIGatewayProxyEventV2, rawBody: string): Promise<Principal> {
  const content = signedContent(
    event.requestContext.http.method,
    event.rawPath,
    event.rawQueryString ?? '',
    rawBody,
  );
  const signature = verifySignature(event.headers['x-signature'], content, await secret('ERP_SECRET'));
  return { kind: 'erp', signature };
}

/**
 * Spends an ERP request's signature: the first use passes, any later one inside the window is a
 * replay (409). Called once the request is valid, just before it acts, so a request refused as
 * invalid does not use up its signature, and one that acted can never act again.
 */
export async function spendSignature(signature: VerifiedSignature): Promise<void> {
  if (!(await useSignatureOnce(signature.hash, signature.expiresAt)))
    throw new ReplayedRequestError(
      'This signature was already used. Sign every request and every retry anew, with a fresh nonce (n=).',
    );
}

/** Establishes who is calling, per the route's audience (see routes.ts). Nothing runs before this passes. */
export async function authenticate(
  audience: Audience,
  event: APIGatewayProxyEventV2,
  rawBody: string,
): Promise<Principal> {
  switch (audience) {
    case 'public':
      return { kind: 'public' };
    case 'sales': {
      // API Gateway's JWT authorizer (or the local server's identical check) has verified the token.
      const claims = gatewayClaims(event);
      if (!claims) throw new UnauthorizedError('A sales bearer token is required');
      return salesPrincipal(claims);
    }
    case 'erp':
      return erpPrincipal(event, rawBody);
    case 'salesOrErp': {
      if (event.headers['x-signature']) return erpPrincipal(event, rawBody);
      const claims = gatewayClaims(event);
      if (claims) return salesPrincipal(claims);
      const token = bearerToken(event.headers.authorization);
      if (!token)
        throw new UnauthorizedError('Sign the request as the ERP (X-Signature) or send a sales bearer token');
      return salesPrincipal(await verifySalesToken(token));
    }
    case 'console': {
      // Console pages are authorized here, not by the gateway: a browser sends a cookie, not a bearer header.
      const bearer = bearerToken(event.headers.authorization);
      if (bearer) return salesFromToken(bearer);
      const cookie = sessionToken(event.cookies, event.headers.cookie);
      if (!cookie) throw new UnauthorizedError('Sign in to the sales console');
      return salesFromToken(cookie, sessionHash(cookie));
    }
    case 'customer': {
      const token = event.pathParameters?.token ?? '';
      // Unknown and malformed tokens look the same from outside: 404, nothing about why.
      if (!/^[A-Za-z0-9_-]{40,64}$/.test(token)) throw new NotFoundError('No order for this link');
      const tokenHash = hashTrackingToken(token);
      const track = await getTrack(tokenHash);
      if (!track) throw new NotFoundError('No order for this link');
      return {
        kind: 'customer',
        orderId: track.orderId,
        tokenHash,
        ...(track.issuedAt ? { issuedAt: track.issuedAt } : {}),
      };
    }
  }
}
