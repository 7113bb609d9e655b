import type { Channel, CustomerKind } from '../domain/notify/kinds.ts';
import { CUSTOMER_KINDS, defaultChannels } from '../domain/notify/kinds.ts';
import type { Contact } from '../domain/notify/preferences.ts';
import { markup } from './html.ts';
import { LOCALES, MESSAGES, t, type Locale } from './i18n.ts';
import { langQuery, page } from './layout.ts';

/** The messages a contact can choose channels for (a fresh link always goes by email). */
export const PREFERENCE_KINDS: readonly CustomerKind[] = CUSTOMER_KINDS.filter(
  (kind) => kind !== 'FRESH_LINK',
);

export interface PreferencesPageContext {
  readonly locale: Locale;
  readonly basePath: string;
  /** `contact=<id>&sig=<signature>`: which contact this page is for. */
  readonly contactQuery: string;
  readonly formToken: string;
  readonly saved: boolean;
  readonly companyLocale: Locale;
  readonly salesOwnerName: string;
}

const checked = (on: boolean) => (on ? markup` checked` : '');

/** The preference centre of one contact: every current setting shown, including opt-outs. */
export function renderPreferencesPage(contact: Contact, context: PreferencesPageContext): string {
  const { locale } = context;
  const prefs = contact.preferences ?? {};
  const channels: Channel[] = [
    ...(contact.email ? ['email' as const] : []),
    ...(contact.phone ? ['sms' as const] : []),
  ];
  const channelName = (channel: Channel) => t(locale, channel === 'email' ? 'channelEmail' : 'channelSms');
  const title = t(locale, 'preferencesTitle');
  const action = `${context.basePath}/preferences?${context.contactQuery}&${langQuery(locale)}`;
  const preferredLocale = prefs.locale ?? context.companyLocale;
  const content = markup`<h1>${title}</h1>
    <p>${t(locale, 'preferencesFor', { name: contact.name })}</p>
    ${context.saved ? markup`<section class="ok" role="status"><h2>${t(locale, 'saved')}</h2></section>` : ''}
    ${channels
      .filter((channel) => prefs.optOut?.[channel])
      .map(
        (channel) =>
          markup`<section class="note">
            <p>${t(locale, 'optedOut', { channel: channelName(channel) })}</p>
          </section>`,
      )}
    <form method="post" action="${action}">
      <input type="hidden" name="csrf" value="${context.formToken}" />
      <section>
        <h2>${t(locale, 'channels')}</h2>
        ${PREFERENCE_KINDS.map((kind) => {
          const wanted = prefs.channels?.[kind] ?? defaultChannels(kind);
          return markup`<fieldset>
            <legend>${t(locale, `kind_${kind}`)}</legend>
            ${channels.map(
              (channel) =>
                markup`<label
                  ><input
                    type="checkbox"
                    name="channel"
                    value="${kind}:${channel}"
                    ${checked(wanted.includes(channel))}
                  />
                  ${channelName(channel)}</label
                >`,
            )}
          </fieldset>`;
        })}
        <fieldset>
          <legend>${t(locale, 'optOut')}</legend>
          ${channels.map(
            (channel) =>
              markup`<label
                ><input
                  type="checkbox"
                  name="optOut"
                  value="${channel}"
                  ${checked(!!prefs.optOut?.[channel])}
                />
                ${channelName(channel)}</label
              >`,
          )}
        </fieldset>
      </section>
      <section>
        <h2 id="quiet-title">${t(locale, 'quietHours')}</h2>
        <label for="quietStart">${t(locale, 'quietFrom')}</label>
        <input id="quietStart" type="time" name="quietStart" value="${prefs.quietHours?.start ?? ''}" />
        <label for="quietEnd">${t(locale, 'quietTo')}</label>
        <input id="quietEnd" type="time" name="quietEnd" value="${prefs.quietHours?.end ?? ''}" />
        <p class="muted">${t(locale, 'quietNone')}</p>
      </section>
      <section>
        <fieldset>
          <legend>${t(locale, 'languageLabel')}</legend>
          ${LOCALES.map(
            (option) =>
              markup`<label
                ><input type="radio" name="locale" value="${option}" ${checked(option === preferredLocale)} />
                <span lang="${option}">${MESSAGES[option].langName}</span></label
              >`,
          )}
        </fieldset>
      </section>
      <div class="actions"><button type="submit">${t(locale, 'save')}</button></div>
    </form>
    <p><a href="${context.basePath}?${langQuery(locale)}">${t(locale, 'backToOrder')}</a></p>`;
  return page(
    { locale, title, selfPath: `${context.basePath}/preferences?${context.contactQuery}` },
    content,
  );
}
