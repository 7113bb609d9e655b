import { formToken, formTokenValid } from '../../../shared/auth/form-token.ts';
import { UnauthorizedError } from '../../../shared/errors.ts';
import { isLocale, type Locale } from '../../../web/i18n.ts';
import { assertSameOrigin, formExpired } from './pages.ts';
import type { ApiRequest, Principal } from './types.ts';

type Sales = Extract<Principal, { kind: 'sales' }>;

/** The console's caller: sales, by cookie or bearer token (authenticate.ts checked both alike). */
export function consoleUser(principal: Principal): Sales {
  if (principal.kind !== 'sales') throw new UnauthorizedError('Sign in to the sales console');
  return principal;
}

export const consoleLocale = (query: Readonly<Record<string, unknown>>): Locale =>
  isLocale(query.lang) ? query.lang : 'en';

/** A form's anti-forgery token, bound to the session and to the form's purpose (action and order). */
export const consoleFormToken = (user: Sales, purpose: string): Promise<string> =>
  formToken(user.session ?? `bearer:${user.subject}`, `console:${purpose}`);

/**
 * Refuses a forged form post: from another site (Sec-Fetch-Site / Origin), or without this
 * session's token for this form. A request with a bearer header carries no ambient credential a
 * browser would add by itself, so only cookie sessions need the token.
 */
export async function assertConsoleForm(
  request: Pick<ApiRequest, 'headers' | 'principal'>,
  form: URLSearchParams,
  purpose: string,
): Promise<void> {
  const user = consoleUser(request.principal);
  assertSameOrigin(request.headers);
  if (!user.session) return;
  if (!(await formTokenValid(form.get('csrf') ?? undefined, user.session, `console:${purpose}`)))
    throw formExpired();
}
