import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { formFields } from '../../http/pages.ts';
import { assertConsoleForm, consoleLocale } from '../../http/console.ts';
import { clearedSessionCookie, overHttps } from '../../../../shared/auth/console-session.ts';
import { logoutUrl, managedLogin } from '../../../../shared/auth/managed-login.ts';

/** Signing out clears the cookie (a post with the session's form token, so no other site can do it). */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'consoleLogout',
  audience: 'console',
  async handle(request) {
    await assertConsoleForm(request, formFields(request.rawBody), 'logout');
    const locale = consoleLocale(request.query);
    const login = managedLogin();
    return {
      status: 303,
      headers: {
        // With Cognito, its own session ends too, or the next sign-in would pass without a password.
        location: login ? logoutUrl(login, locale) : `/console/login?signedOut=1&lang=${locale}`,
        'cache-control': 'no-store',
        'set-cookie': clearedSessionCookie(overHttps(request.headers)),
      },
    };
  },
};
