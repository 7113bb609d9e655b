import { describe, expect, it } from 'vitest';
import {
  keepContactChoices,
  mergePatch,
  patchCustomerDocument,
  sameJson,
} from '../../../functions/domain/customer/sales-edit.ts';

const optedOut = {
  id: 'buyer',
  name: 'Ada',
  email: 'ada@example.com',
  preferences: { optOut: { email: true } },
};
const planner = { id: 'planner', name: 'Pat', email: 'pat@example.com' };

describe('merge patch (RFC 7396)', () => {
  it('merges objects key by key, removes on null and replaces arrays and scalars', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: null, b: { c: 5 }, e: [9] })).toEqual({
      b: { c: 5, d: 3 },
      e: [9],
    });
  });

  it('patches contacts by id in their order, appends a new id and removes one on null', () => {
    const { document } = patchCustomerDocument(
      { tier: 'B', contacts: [planner, { id: 'old', name: 'Old' }] },
      { tier: 'A', contacts: { planner: { name: 'Pat P.' }, old: null, fresh: { name: 'New' } } },
    );
    expect(document).toEqual({
      tier: 'A',
      contacts: [
        { ...planner, name: 'Pat P.' },
        { id: 'fresh', name: 'New' },
      ],
    });
  });

  it('refuses to rename a contact id through its patch', () => {
    const { issues } = patchCustomerDocument(
      { contacts: [planner] },
      { contacts: { planner: { id: 'other' } } },
    );
    expect(issues.map((issue) => issue.path)).toEqual(['contacts.planner.id']);
  });
});

describe("a contact's own choices under a sales edit", () => {
  it('keeps stored preferences a write leaves out', () => {
    const { contacts, issues } = keepContactChoices([optedOut], [{ id: 'buyer', name: 'Ada B.' }]);
    expect(issues).toEqual([]);
    expect(contacts).toEqual([{ id: 'buyer', name: 'Ada B.', preferences: { optOut: { email: true } } }]);
  });

  it('accepts preferences sent back unchanged, whatever the key order', () => {
    const stored = {
      ...planner,
      preferences: { locale: 'en' as const, quietHours: { start: '22:00', end: '06:00' } },
    };
    const sent = {
      ...planner,
      preferences: { quietHours: { end: '06:00', start: '22:00' }, locale: 'en' as const },
    };
    expect(keepContactChoices([stored], [sent]).issues).toEqual([]);
  });

  it('refuses a changed opt-out and the removal of a contact who opted out', () => {
    const changed = keepContactChoices(
      [optedOut],
      [{ ...optedOut, preferences: { optOut: { email: false } } }],
    );
    const removed = keepContactChoices([optedOut, planner], [planner]);
    expect(changed.issues.map((issue) => issue.path)).toEqual(['contacts.0.preferences']);
    expect(removed.issues.map((issue) => issue.path)).toEqual(['contacts']);
  });

  it('lets a new contact bring initial preferences, but not the address of one who opted out', () => {
    const fresh = {
      id: 'new',
      name: 'Neu',
      email: 'neu@example.com',
      preferences: { locale: 'zh-CN' as const },
    };
    expect(keepContactChoices([planner], [planner, fresh]).issues).toEqual([]);
    const copy = keepContactChoices(
      [optedOut],
      [optedOut, { id: 'again', name: 'A', email: 'ADA@example.com' }],
    );
    expect(copy.issues.map((issue) => issue.path)).toEqual(['contacts.1.email']);
  });

  it('compares JSON without regard to key order or undefined keys', () => {
    expect(sameJson({ a: 1, b: undefined, c: [1, { d: 2 }] }, { c: [1, { d: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
