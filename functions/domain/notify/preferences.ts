import type { Channel, NoticeKind } from './kinds.ts';
import { defaultChannels } from './kinds.ts';

export interface ContactPreferences {
  /** Channels per message kind; kinds not listed use the defaults. */
  readonly channels?: Partial<Record<NoticeKind, Channel[]>>;
  /** Local `HH:MM` window in the contact's time zone when non-critical messages wait. */
  readonly quietHours?: { readonly start: string; readonly end: string };
  readonly optOut?: { readonly email?: boolean; readonly sms?: boolean };
  /** Language of this contact's messages; the customer's language when unset. */
  readonly locale?: 'en' | 'zh-CN';
}

export interface Contact {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly preferences?: ContactPreferences;
}

/** The channels a contact receives a kind on, with an address for each and no opt-out. */
export function channelsFor(contact: Contact, kind: NoticeKind): Channel[] {
  const wanted = contact.preferences?.channels?.[kind] ?? defaultChannels(kind);
  return wanted.filter((channel) =>
    channel === 'email'
      ? contact.email && !contact.preferences?.optOut?.email
      : contact.phone && !contact.preferences?.optOut?.sms,
  );
}

function localMinutes(now: Date, timeZone: string): number {
  const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number);
  return (hour ?? 0) * 60 + (minute ?? 0);
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * When an SMS may go out: now, or (for a non-critical message inside the contact's quiet hours)
 * the end of the quiet window. Windows may span midnight (22:00-07:00).
 */
export function sendAt(
  now: Date,
  critical: boolean,
  timeZone: string,
  quietHours?: ContactPreferences['quietHours'],
): Date {
  if (!quietHours || critical) return now;
  const current = localMinutes(now, timeZone);
  const start = toMinutes(quietHours.start);
  const end = toMinutes(quietHours.end);
  const inside = start <= end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return now;
  const wait = (end - current + 24 * 60) % (24 * 60);
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + wait * 60_000);
}
