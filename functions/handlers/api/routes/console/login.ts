import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleLocale } from '../../http/console.ts';
import { salesFromToken } from '../../http/authenticate.ts';
import { consoleLoginQuerySchema } from '../../../../shared/schemas/console.ts';
import { overHttps, sessionCookie } from '../../../../shared/auth/console-session.ts';
import { renderSignIn } from '../../../../web/console/frame.ts';

/**
 * Signing in: a sales token (the local banner's one-click link, or the token Cognito's login gave)
 * is verified exactly as a bearer token is, then kept in an HttpOnly cookie that expires with it,
 * and the browser goes on to the board (so the token leaves the address bar at once).
 */
export const route: RouteHandler<z.ZodType, typeof consoleLoginQuerySchema> = {
  operationId: 'consoleLogin',
  audience: 'public',
  querySchema: consoleLoginQuerySchema,
  async handle({ query, headers }) {
    const locale = consoleLocale(query);
    if (!query.token)
      return htmlPage(200, renderSignIn(locale, { signedOut: Boolean(query.signedOut), cloudLogin: false }));
    const user = await salesFromToken(query.token);
    return {
      status: 303,
      headers: {
        location: `/console?lang=${locale}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'set-cookie': sessionCookie(query.token, Number(user.claims.exp), overHttps(headers)),
      },
    };
  },
};
