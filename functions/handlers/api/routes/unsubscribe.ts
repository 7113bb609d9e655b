import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { htmlPage, pageLocale } from '../http/pages.ts';
import { unsubscribeQuery } from '../../../shared/schemas/customer.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { linkedContact } from '../../../usecases/customer/wiring.ts';
import { renderUnsubscribePage } from '../../../web/simple-pages.ts';
import type { Locale } from '../../../web/i18n.ts';

/**
 * The unsubscribe link in every email. A GET never changes anything (mail scanners open links):
 * it shows a page whose button sends the one-click POST.
 */
export const route: RouteHandler<z.ZodType, typeof unsubscribeQuery> = {
  operationId: 'unsubscribe',
  audience: 'customer',
  querySchema: unsubscribeQuery,
  async handle({ principal, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    const { customer, contact } = await linkedContact(principal, query.contact, query.sig);
    const body = renderUnsubscribePage({
      locale: pageLocale(query, (contact.preferences?.locale ?? customer.locale) as Locale),
      basePath: `/v1/track/${params.token}`,
      contactQuery: `contact=${encodeURIComponent(query.contact)}&sig=${encodeURIComponent(query.sig)}`,
      contactName: contact.name,
      done: false,
    });
    return htmlPage(200, body);
  },
};
