import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { assertSameOrigin, formExpired, formFields, pageLocale, seeOther } from '../http/pages.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { formTokenValid } from '../../../shared/auth/form-token.ts';
import { requestNewQuote } from '../../../usecases/customer/wiring.ts';

/** "Ask for a new quote" on an expired quote: sales hear once, the page says so. */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'requestNewQuoteForm',
  audience: 'customer',
  async handle({ principal, headers, rawBody, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    assertSameOrigin(headers);
    if (!(await formTokenValid(formFields(rawBody).get('csrf') ?? undefined, principal.tokenHash, 'requote')))
      throw formExpired();
    await requestNewQuote(principal);
    return seeOther(`/v1/track/${params.token}?lang=${pageLocale(query, 'en')}&done=requote-asked`);
  },
};
