import type { RouteHandler } from '../http/types.ts';
import { contactPreferencesUpdateSchema } from '../../../shared/schemas/customer.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { updateContactPreferences } from '../../../usecases/notify/preferences.ts';

export const route: RouteHandler<typeof contactPreferencesUpdateSchema> = {
  operationId: 'putPreferences',
  audience: 'customer',
  bodySchema: contactPreferencesUpdateSchema,
  async handle({ principal, body }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    const preferences = await updateContactPreferences(principal.orderId, body.contactId, body.preferences);
    return { status: 200, body: { contactId: body.contactId, preferences } };
  },
};
