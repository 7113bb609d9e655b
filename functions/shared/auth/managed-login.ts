import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors.ts';

/**
 * Cognito managed login for the console (OAuth 2 authorization code with PKCE). Configured by
 * `COGNITO_DOMAIN` (https://<prefix>.auth.<region>.amazoncognito.com), `COGNITO_CLIENT_ID` and
 * `CONSOLE_URL` (the console's public origin); without them (the local runtime) sign-in is the
 * banner's one-click link.
 */
export interface ManagedLogin {
  readonly domain: string;
  readonly clientId: string;
  readonly consoleUrl: string;
}

export function managedLogin(env: NodeJS.ProcessEnv = process.env): ManagedLogin | undefined {
  const { COGNITO_DOMAIN: domain, COGNITO_CLIENT_ID: clientId, CONSOLE_URL: consoleUrl } = env;
  return domain && clientId && consoleUrl ? { domain, clientId, consoleUrl } : undefined;
}

/** Holds the PKCE verifier and the state between the redirect to Cognito and the way back. */
export const LOGIN_COOKIE = 'pk_login';
/** Where Cognito sends the browser back with the code; the app client registers it under the console's URL. */
export const CALLBACK_PATH = '/console/callback';
/** The signed-out page Cognito's logout returns to; the app client registers it for each language. */
export const signedOutPath = (locale?: string): string =>
  `/console/login?signedOut=1${locale ? `&lang=${locale}` : ''}`;
const callbackUrl = (login: ManagedLogin) => `${login.consoleUrl}${CALLBACK_PATH}`;
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The redirect to Cognito's login page, and the short-lived cookie that must come back with the code. */
export function startLogin(login: ManagedLogin): { location: string; cookie: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: login.clientId,
    redirect_uri: callbackUrl(login),
    scope: 'openid',
    state,
    code_challenge: challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  return {
    location: `${login.domain}/oauth2/authorize?${query.toString()}`,
    cookie: `${LOGIN_COOKIE}=${state}.${verifier}; Path=/console/callback; Max-Age=600; HttpOnly; Secure; SameSite=Lax`,
  };
}

/**
 * Exchanges the code Cognito sent back for tokens, after checking the state against the cookie
 * (a code that another site's login started is refused). Returns the access token, which carries
 * the user's groups and is verified like any bearer token.
 */
export async function finishLogin(
  login: ManagedLogin,
  input: { code: string; state: string; cookie: string | undefined },
): Promise<string> {
  const [state, verifier] = (input.cookie ?? '').split('.');
  const same =
    !!state &&
    state.length === input.state.length &&
    timingSafeEqual(Buffer.from(state), Buffer.from(input.state));
  if (!same || !verifier)
    throw new UnauthorizedError('The sign-in did not start here or took too long; sign in again');
  const response = await fetch(`${login.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: login.clientId,
      code: input.code,
      redirect_uri: callbackUrl(login),
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new UnauthorizedError(`Cognito refused the sign-in code (${response.status})`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new UnauthorizedError('Cognito returned no access token');
  return tokens.access_token;
}

/** Cognito's logout, which ends its own session and comes back to the console's signed-out page. */
export const logoutUrl = (login: ManagedLogin, locale: string): string =>
  `${login.domain}/logout?${new URLSearchParams({
    client_id: login.clientId,
    logout_uri: `${login.consoleUrl}${signedOutPath(locale)}`,
  }).toString()}`;
