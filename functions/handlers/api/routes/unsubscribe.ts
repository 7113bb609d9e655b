import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { unsubscribeQuery } from '../../../shared/schemas/customer.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { updateContactPreferences } from '../../../usecases/notify/preferences.ts';

/** The link in every email: opts that contact out of email for this customer. */
export const route: RouteHandler<z.ZodType, typeof unsubscribeQuery> = {
  operationId: 'unsubscribe',
  audience: 'customer',
  querySchema: unsubscribeQuery,
  async handle({ principal, query }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    await updateContactPreferences(principal.orderId, query.contact, { optOut: { email: true } }, true);
    return { status: 200, body: { contactId: query.contact, unsubscribed: 'email' } };
  },
};
