import { markup } from './html.ts';
import { t, type Locale } from './i18n.ts';
import { langQuery, page } from './layout.ts';

/** RFC 8058's landing page: a GET only shows what the button would do; the POST does it. */
export function renderUnsubscribePage(input: {
  locale: Locale;
  basePath: string;
  contactQuery: string;
  contactName: string;
  done: boolean;
}): string {
  const { locale } = input;
  const title = t(locale, 'unsubscribeTitle');
  const content = input.done
    ? markup`<h1>${title}</h1>
        <section class="ok" role="status">
          <p>${t(locale, 'unsubscribed', { name: input.contactName })}</p>
        </section>`
    : markup`<h1>${title}</h1>
        <p>${t(locale, 'unsubscribeText', { name: input.contactName })}</p>
        <form method="post" action="${input.basePath}/unsubscribe?${input.contactQuery}&${langQuery(locale)}">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" /><button
            type="submit"
            class="secondary"
          >
            ${t(locale, 'unsubscribeButton')}
          </button>
        </form>`;
  return page(
    { locale, title, selfPath: `${input.basePath}/unsubscribe?${input.contactQuery}` },
    markup`${content}
      <p>
        <a href="${input.basePath}/preferences?${input.contactQuery}&${langQuery(locale)}"
          >${t(locale, 'preferences')}</a
        >
      </p>`,
  );
}

/**
 * An unknown or run-out link: the same page either way, offering a fresh link by email, so the
 * page reveals nothing about whether an order exists.
 */
export function renderLinkPage(input: {
  locale: Locale;
  basePath: string;
  sent: boolean;
  days: number;
}): string {
  const { locale } = input;
  const title = t(locale, 'linkTitle');
  const content = input.sent
    ? markup`<h1>${title}</h1>
        <section class="ok" role="status"><p>${t(locale, 'linkSent')}</p></section>`
    : markup`<h1>${title}</h1>
        <p>${t(locale, 'linkText', { days: input.days })}</p>
        <form method="post" action="${input.basePath}/fresh-link?${langQuery(locale)}">
          <button type="submit">${t(locale, 'sendLink')}</button>
        </form>`;
  return page({ locale, title, selfPath: input.basePath }, content);
}

export function renderErrorPage(input: { locale: Locale; selfPath: string; formExpired?: boolean }): string {
  const { locale } = input;
  const title = t(locale, 'errorTitle');
  return page(
    { locale, title, selfPath: input.selfPath },
    markup`<h1>${title}</h1>
      <p>${t(locale, input.formExpired ? 'formExpired' : 'errorText')}</p>`,
  );
}
