import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleLocale } from '../../http/console.ts';
import { salesFromToken } from '../../http/authenticate.ts';
import { consoleLoginQuerySchema } from '../../../../shared/schemas/console.ts';
import { cookieValue, overHttps, sessionCookie } from '../../../../shared/auth/console-session.ts';
import {
  finishLogin,
  LOGIN_COOKIE,
  managedLogin,
  startLogin,
} from '../../../../shared/auth/managed-login.ts';
import { ValidationError } from '../../../../shared/errors.ts';
import { renderSignIn } from '../../../../web/console/frame.ts';

/** Verifies a sales token exactly as a bearer token, keeps it in the session cookie, and opens the board. */
async function signedIn(
  token: string,
  headers: Readonly<Record<string, string | undefined>>,
  locale: string,
) {
  const user = await salesFromToken(token);
  return {
    status: 303,
    headers: {
      location: `/console?lang=${locale}`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'set-cookie': sessionCookie(token, Number(user.claims.exp), overHttps(headers)),
    },
  };
}

/**
 * Signing in: with a sales token (the local banner's one-click link), at once; with `start` and
 * Cognito managed login configured, by a redirect to it; otherwise the sign-in page. The board
 * follows, so a token never stays in the address bar.
 */
export const route: RouteHandler<z.ZodType, typeof consoleLoginQuerySchema> = {
  operationId: 'consoleLogin',
  audience: 'public',
  querySchema: consoleLoginQuerySchema,
  async handle({ query, headers }) {
    const locale = consoleLocale(query);
    if (query.token) return signedIn(query.token, headers, locale);
    const login = managedLogin();
    if (login && query.start) {
      const { location, cookie } = startLogin(login);
      return { status: 303, headers: { location, 'cache-control': 'no-store', 'set-cookie': cookie } };
    }
    return htmlPage(
      200,
      renderSignIn(locale, { signedOut: Boolean(query.signedOut), cloudLogin: Boolean(login) }),
    );
  },
};

/** Cognito's way back: the code is exchanged (with the PKCE verifier from the login cookie) for a token. */
export const callbackRoute: RouteHandler<z.ZodType, typeof consoleLoginQuerySchema> = {
  operationId: 'consoleCallback',
  audience: 'public',
  querySchema: consoleLoginQuerySchema,
  async handle({ query, headers, cookies }) {
    const login = managedLogin();
    if (!login || !query.code || !query.state)
      throw new ValidationError('Not a sign-in this console started', [{ path: 'code', message: 'missing' }]);
    const token = await finishLogin(login, {
      code: query.code,
      state: query.state,
      cookie: cookieValue(LOGIN_COOKIE, cookies, headers.cookie),
    });
    return signedIn(token, headers, consoleLocale(query));
  },
};
