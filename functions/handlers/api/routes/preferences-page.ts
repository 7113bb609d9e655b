import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { htmlPage, pageLocale } from '../http/pages.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { contactLinkQuery } from '../../../shared/schemas/customer.ts';
import { formToken } from '../../../shared/auth/form-token.ts';
import { linkedContact } from '../../../usecases/customer/wiring.ts';
import { renderPreferencesPage } from '../../../web/preferences-page.ts';
import type { Locale } from '../../../web/i18n.ts';

/** The preference centre of the contact a message went to (from the link in that message). */
export const route: RouteHandler<z.ZodType, typeof contactLinkQuery> = {
  operationId: 'preferencesPage',
  audience: 'customer',
  querySchema: contactLinkQuery,
  async handle({ principal, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    const { contact: contactId, sig } = query;
    const { customer, contact } = await linkedContact(principal, contactId, sig);
    const locale = pageLocale(query, (contact.preferences?.locale ?? customer.locale) as Locale);
    const body = renderPreferencesPage(contact, {
      locale,
      basePath: `/v1/track/${params.token}`,
      contactQuery: `contact=${encodeURIComponent(contactId)}&sig=${encodeURIComponent(sig)}`,
      formToken: await formToken(principal.tokenHash, `preferences:${contactId}`),
      saved: query.saved === '1',
      companyLocale: customer.locale as Locale,
      salesOwnerName: customer.salesOwner.name,
    });
    return htmlPage(200, body);
  },
};
