import { isLocale, type Locale } from '../../../web/i18n.ts';
import { PAGE_HEADERS } from '../../../web/layout.ts';
import { ValidationError } from '../../../shared/errors.ts';
import type { ApiResponse } from './types.ts';

/** A browser asks for a page; integrations (Accept: application/json or none) keep the JSON. */
export const wantsHtml = (headers: Readonly<Record<string, string | undefined>>): boolean =>
  /text\/html/.test(headers.accept ?? '');

/** The page's language: the switch on the page (`?lang=`), else the customer's own. */
export const pageLocale = (query: Readonly<Record<string, unknown>>, fallback: Locale): Locale =>
  isLocale(query.lang) ? query.lang : fallback;

export const htmlPage = (status: number, body: string): ApiResponse => ({
  status,
  body,
  headers: PAGE_HEADERS,
});

/** POST-redirect-GET: a reload or a double click never sends the form again. */
export const seeOther = (location: string): ApiResponse => ({
  status: 303,
  headers: { location, 'cache-control': 'no-store' },
});

/** A form post's fields (application/x-www-form-urlencoded, what a plain HTML form sends). */
export const formFields = (rawBody: string): URLSearchParams => new URLSearchParams(rawBody);

/**
 * Refuses a form sent from another site: the browser's Sec-Fetch-Site or Origin says so. This adds
 * to the form token (which another site cannot read); neither relies on cookies.
 */
export function assertSameOrigin(headers: Readonly<Record<string, string | undefined>>): void {
  const site = headers['sec-fetch-site'];
  const origin = headers.origin;
  const crossSite =
    site === 'cross-site' || (!!origin && origin !== 'null' && new URL(origin).host !== headers.host);
  if (crossSite || origin === 'null')
    throw new ValidationError('This form was not sent from our page', [
      { path: 'csrf', message: 'cross-site form' },
    ]);
}

export const formExpired = () =>
  new ValidationError('The form token is missing, too old or not for this page', [
    { path: 'csrf', message: 'missing, expired or invalid' },
  ]);
