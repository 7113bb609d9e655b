import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { htmlPage, pageLocale } from '../http/pages.ts';
import { unsubscribeQuery } from '../../../shared/schemas/customer.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { unsubscribeContact } from '../../../usecases/customer/wiring.ts';
import { renderUnsubscribePage } from '../../../web/simple-pages.ts';

/**
 * RFC 8058 one-click unsubscribe (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`): mail
 * providers POST to the header's URL without cookies or a page, so the signed contact in the URL is
 * the authority, and it unsubscribes that contact only. Repeating it changes nothing more.
 */
export const route: RouteHandler<z.ZodType, typeof unsubscribeQuery> = {
  operationId: 'unsubscribeOneClick',
  audience: 'customer',
  querySchema: unsubscribeQuery,
  async handle({ principal, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    const contact = await unsubscribeContact(principal, query.contact, query.sig);
    const body = renderUnsubscribePage({
      locale: pageLocale(query, contact.preferences?.locale ?? 'en'),
      basePath: `/v1/track/${params.token}`,
      contactQuery: `contact=${encodeURIComponent(query.contact)}&sig=${encodeURIComponent(query.sig)}`,
      contactName: contact.name,
      done: true,
    });
    return htmlPage(200, body);
  },
};
