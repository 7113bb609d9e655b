// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { contactPreferencesUpdateSchema } from '../../../shared/schemas/customer.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { saveContactSettings } from '../../../usecases/customer/wiring.ts';

/** The contact's signature from its preference link: an order's link alone may not change another contact. */
const signedContactQuery = z.strictObject({
  sig: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'the signature from the preference link in the email'),
});

export const route: RouteHandler<typeof contactPreferencesUpdateSchema, typeof signedContactQuery> = {
  operationId: 'putPreferences',
  audience: 'customer',
  bodySchema: contactPreferencesUpdateSchema,
  querySchema: signedContactQuery,
  async handle({ principal, body, query }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    const preferences = await saveContactSettings(principal, body.contactId, query.sig, body.preferences);
    return { status: 200, body: { contactId: body.contactId, preferences } };
  },
};
