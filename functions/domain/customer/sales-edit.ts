/**
 * What sales may change of a customer, and what stays the contact's own. A contact's preferences
 * (channels, quiet hours, language, opt-outs) are set by that contact in the preference centre or
 * by unsubscribing; sales see them and cannot undo them. Pure rules: no storage, no clock.
 */
import type { ContactPreferences } from '../notify/preferences.ts';

export interface EditIssue {
  readonly path: string;
  readonly message: string;
}

/** The parts of a contact these rules look at. */
export interface EditedContact {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly preferences?: ContactPreferences;
}

/** JSON equality that ignores the order of object keys (stored items come back in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((value, index) => sameJson(value, b[index]));
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = new Map(Object.entries(b).filter(([, value]) => value !== undefined));
  return left.length === right.size && left.every(([key, value]) => sameJson(value, right.get(key)));
}

const optedOutChannels = (contact: EditedContact): ('email' | 'sms')[] =>
  (['email', 'sms'] as const).filter((channel) => contact.preferences?.optOut?.[channel]);

const sameAddress = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The contacts to store after a sales edit, each stored contact keeping its own preferences, and
 * the issues that refuse the edit (nothing is written then):
 * - a stored contact's preferences left out are kept; sent unchanged, accepted; changed, refused;
 * - a contact who opted out cannot be removed (re-adding them later would start without it);
 * - a new contact cannot take the address of a contact who opted out of that channel.
 * A new contact may come with initial preferences (for instance a language sales know).
 */
export function keepContactChoices<C extends EditedContact>(
  stored: readonly EditedContact[],
  next: readonly C[],
): { contacts: C[]; issues: EditIssue[] } {
  const issues: EditIssue[] = [];
  const storedById = new Map(stored.map((contact) => [contact.id, contact]));
  const contacts = next.map((contact, index) => {
    const before = storedById.get(contact.id);
    if (!before) return contact;
    if (contact.preferences !== undefined && !sameJson(contact.preferences, before.preferences))
      issues.push({
        path: `contacts.${index}.preferences`,
        message: `set by contact ${contact.id} (preference centre or unsubscribe); sales cannot change it: leave it out or send it unchanged`,
      });
    const { preferences: _sent, ...rest } = contact;
    return (before.preferences ? { ...rest, preferences: before.preferences } : rest) as C;
  });
  const nextIds = new Set(next.map((contact) => contact.id));
  for (const contact of stored) {
    const channels = optedOutChannels(contact);
    if (!nextIds.has(contact.id) && channels.length)
      issues.push({
        path: 'contacts',
        message: `contact ${contact.id} opted out of ${channels.join(' and ')}: their opt-out stays with them, so the contact cannot be removed`,
      });
  }
  next.forEach((contact, index) => {
    if (storedById.has(contact.id)) return;
    for (const other of stored) {
      if (other.id === contact.id) continue;
      if (other.preferences?.optOut?.email && sameAddress(other.email, contact.email))
        issues.push({
          path: `contacts.${index}.email`,
          message: `this address is contact ${other.id}'s, who opted out of email`,
        });
      if (other.preferences?.optOut?.sms && sameAddress(other.phone, contact.phone))
        issues.push({
          path: `contacts.${index}.phone`,
          message: `this number is contact ${other.id}'s, who opted out of SMS`,
        });
    }
  });
  return { contacts, issues };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7396 JSON merge patch: objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    // JSON.parse makes `__proto__` an own key; assigning it would swap the result's prototype.
    if (key === '__proto__') continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * A merge patch applied to a customer whose `contacts` may be patched by contact id: an object
 * `{ "<id>": {...} | null }` merges into that contact (a new id appends one, `null` removes it),
 * keeping the list's order; an array replaces the list, as RFC 7396 does with arrays.
 */
export function patchCustomerDocument(
  current: Record<string, unknown> & { contacts: readonly Record<string, unknown>[] },
  patch: Record<string, unknown>,
): { document: Record<string, unknown>; issues: EditIssue[] } {
  const { contacts: contactsPatch, ...rest } = patch;
  const document = mergePatch(current, rest) as Record<string, unknown>;
  const issues: EditIssue[] = [];
  if (contactsPatch === undefined) return { document: { ...document, contacts: current.contacts }, issues };
  if (!isObject(contactsPatch)) return { document: { ...document, contacts: contactsPatch }, issues };
  const contacts: unknown[] = current.contacts.map((contact) => ({ ...contact }));
  for (const [id, change] of Object.entries(contactsPatch)) {
    const index = contacts.findIndex((contact) => (contact as { id?: unknown }).id === id);
    if (isObject(change) && change.id !== undefined && change.id !== id) {
      issues.push({
        path: `contacts.${id}.id`,
        message: 'a contact id cannot change: remove it and add another',
      });
      continue;
    }
    if (change === null) {
      if (index >= 0) contacts.splice(index, 1);
      continue;
    }
    const before = contacts[index] as Record<string, unknown> | undefined;
    // `null` asks to delete: for a contact's own preferences that is an undo, refused like a change.
    if (before?.preferences !== undefined && isObject(change) && change.preferences === null) {
      issues.push({
        path: `contacts.${id}.preferences`,
        message: `set by contact ${id} (preference centre or unsubscribe); sales cannot remove it`,
      });
      continue;
    }
    if (before) contacts[index] = mergePatch(before, change);
    else contacts.push(isObject(change) ? { id, ...(mergePatch({}, change) as object) } : change);
  }
  return { document: { ...document, contacts }, issues };
}
