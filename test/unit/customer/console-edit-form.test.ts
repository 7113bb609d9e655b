import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../functions/shared/errors.ts';
import { patchFromForm } from '../../../functions/usecases/sales-customer/console-edit.ts';

const form = (fields: [string, string][]) => new URLSearchParams(fields);

describe("the console's customer edit form as a merge patch", () => {
  it('names each listed contact by id, removes an emptied address and adds a filled-in new contact', () => {
    const patch = patchFromForm(
      form([
        ['version', '3'],
        ['name', ' ACME '],
        ['tier', 'A'],
        ['region', 'EU'],
        ['contactId', 'buyer'],
        ['name.buyer', 'Ada B.'],
        ['email.buyer', 'ada@example.com'],
        ['phone.buyer', ''],
        ['newId', 'ops'],
        ['newName', 'Ops Desk'],
        ['newEmail', ''],
        ['newPhone', '+4915100000000'],
      ]),
    );
    expect(patch).toEqual({
      version: 3,
      name: 'ACME',
      tier: 'A',
      region: 'EU',
      contacts: {
        buyer: { name: 'Ada B.', email: 'ada@example.com', phone: null },
        ops: { name: 'Ops Desk', phone: '+4915100000000' },
      },
    });
  });

  it('never carries preferences, so the contacts keep theirs', () => {
    const patch = patchFromForm(
      form([
        ['version', '1'],
        ['contactId', 'buyer'],
        ['name.buyer', 'Ada'],
        ['preferences.buyer', '{}'],
      ]),
    );
    expect(JSON.stringify(patch)).not.toContain('preferences');
  });

  it('refuses a new contact without an id, and a form without its version, naming the field', () => {
    const refusedField = (fields: [string, string][]) => {
      try {
        patchFromForm(form(fields));
      } catch (error) {
        return (error as ValidationError).issues.map((issue) => issue.path);
      }
      return [];
    };
    expect(
      refusedField([
        ['version', '1'],
        ['newName', 'Nameless'],
      ]),
    ).toEqual(['newId']);
    expect(refusedField([['name', 'x']])).toEqual(['version']);
  });
});
