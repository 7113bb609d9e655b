import type { Channel, CustomerKind } from '../domain/notify/kinds.ts';
import type { ContactPreferences } from '../domain/notify/preferences.ts';
import { ValidationError } from '../shared/errors.ts';
import { PREFERENCE_KINDS } from './preferences-page.ts';

/**
 * The preference centre's fields as stored preferences. Every kind on the form is stored, so an
 * unticked kind means "no messages of this kind", not "the defaults".
 */
export function preferencesFromForm(form: {
  channel: readonly string[];
  optOut: readonly Channel[];
  quietStart: string;
  quietEnd: string;
  locale?: 'en' | 'zh-CN' | undefined;
}): ContactPreferences {
  if ((form.quietStart === '') !== (form.quietEnd === ''))
    throw new ValidationError('Quiet hours need both a start and an end', [
      { path: form.quietStart ? 'quietEnd' : 'quietStart', message: 'set both times, or neither' },
    ]);
  const channels: Partial<Record<CustomerKind, Channel[]>> = {};
  for (const kind of PREFERENCE_KINDS) channels[kind] = [];
  for (const entry of form.channel) {
    const [kind, channel] = entry.split(':') as [CustomerKind, Channel];
    if (!PREFERENCE_KINDS.includes(kind))
      throw new ValidationError('Unknown kind of message', [
        { path: 'channel', message: `unknown kind ${kind}` },
      ]);
    channels[kind] = [...new Set([...(channels[kind] ?? []), channel])];
  }
  return {
    channels,
    ...(form.quietStart ? { quietHours: { start: form.quietStart, end: form.quietEnd } } : {}),
    optOut: { email: form.optOut.includes('email'), sms: form.optOut.includes('sms') },
    ...(form.locale ? { locale: form.locale } : {}),
  };
}
