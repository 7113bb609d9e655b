import { markup, type Html } from '../html.ts';
import type { Locale } from '../i18n.ts';
import { page } from '../layout.ts';
import { ct } from './messages.ts';
import { consoleScript } from './script.ts';

export const CONSOLE_BASE = '/console';

export interface ConsoleFrame {
  readonly locale: Locale;
  readonly title: string;
  /** This page's path (with query) without `lang`. */
  readonly selfPath: string;
  /** The sign-out form's anti-forgery token; absent on pages shown before signing in. */
  readonly logoutToken?: string;
  /** Adds the console's script (live board, keyboard shortcuts); serve with SCRIPTED_PAGE_HEADERS. */
  readonly script?: boolean;
}

/** A console page: the shared layout, wide, with the board link and the sign-out button. */
export function consolePage(frame: ConsoleFrame, content: Html): string {
  const { locale } = frame;
  const nav = frame.logoutToken
    ? markup`<nav aria-label="${ct(locale, 'nav')}"><a href="${CONSOLE_BASE}?lang=${locale}">${ct(locale, 'boardTitle')}</a>
      <a href="${CONSOLE_BASE}/queue?lang=${locale}">${ct(locale, 'queueTitle')}</a>
      <a href="${CONSOLE_BASE}/quote?lang=${locale}">${ct(locale, 'quoteTitle')}</a>
      <a href="${CONSOLE_BASE}/customers?lang=${locale}">${ct(locale, 'customersTitle')}</a>
      <a href="${CONSOLE_BASE}/supply?lang=${locale}">${ct(locale, 'sup_nav')}</a>
      <form class="inline" method="post" action="${CONSOLE_BASE}/logout?lang=${locale}">
        <input type="hidden" name="csrf" value="${frame.logoutToken}">
        <button type="submit" class="secondary small">${ct(locale, 'signOut')}</button>
      </form></nav>`
    : undefined;
  return page(
    { locale, title: frame.title, selfPath: frame.selfPath, wide: true, ...(nav ? { nav } : {}) },
    frame.script ? markup`${content}${consoleScript()}` : content,
  );
}

/** The page a browser sees without a session: how to sign in. */
export function renderSignIn(locale: Locale, options: { signedOut: boolean; cloudLogin: boolean }): string {
  return consolePage(
    { locale, title: ct(locale, 'signInTitle'), selfPath: `${CONSOLE_BASE}/login` },
    markup`<h1>${ct(locale, 'signInTitle')}</h1>
      ${options.signedOut ? markup`<section class="ok" role="status"><p>${ct(locale, 'signedOut')}</p></section>` : ''}
      <section>${
        options.cloudLogin
          ? markup`<p><a href="${CONSOLE_BASE}/login?start=1&amp;lang=${locale}">${ct(locale, 'signIn')}</a></p>`
          : markup`<p>${ct(locale, 'signInLocal')}</p>`
      }</section>`,
  );
}

/** An action that did not take effect: what was wrong, field by field, and the way back. */
export function renderConsoleError(
  locale: Locale,
  error: { status: number; message: string; fields: readonly { path: string; message: string }[] },
): string {
  return consolePage(
    { locale, title: `${error.status} · ${ct(locale, 'consoleTitle')}`, selfPath: CONSOLE_BASE },
    markup`<h1>${error.message}</h1>
      ${error.fields.length ? markup`<section class="note" role="alert"><ul>${error.fields.map((field) => markup`<li><strong>${field.path}</strong>: ${field.message}</li>`)}</ul></section>` : ''}
      <p>${ct(locale, 'notChanged')}</p>
      <p><a href="${CONSOLE_BASE}?lang=${locale}">${ct(locale, 'back')}</a></p>`,
  );
}
