import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { assertSameOrigin, formExpired, formFields, pageLocale, seeOther } from '../http/pages.ts';
import { ConflictError, ForbiddenError, QuoteExpiredError, ValidationError } from '../../../shared/errors.ts';
import { formTokenValid } from '../../../shared/auth/form-token.ts';
import { decideQuote } from '../../../usecases/order/decisions.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';
import { openLinkedOrder } from '../../../usecases/customer/wiring.ts';

/**
 * Accept or Reject from the order page: a plain form post (no JavaScript), checked against forgery,
 * then a redirect to the page (POST-redirect-GET). A second click finds the decision already made
 * and lands on the same confirmation; the decision itself is idempotent.
 */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'decideQuoteForm',
  audience: 'customer',
  async handle({ principal, headers, rawBody, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    assertSameOrigin(headers);
    const form = formFields(rawBody);
    if (!(await formTokenValid(form.get('csrf') ?? undefined, principal.tokenHash, 'decision')))
      throw formExpired();
    const decision = form.get('decision');
    if (decision !== 'accept' && decision !== 'reject')
      throw new ValidationError('Choose accept or reject', [
        { path: 'decision', message: 'accept or reject' },
      ]);
    await openLinkedOrder(principal, new Date());
    const page = `/v1/track/${params.token}?lang=${pageLocale(query, 'en')}`;
    try {
      const result = await decideQuote(orderDeps(), principal.orderId, decision);
      return seeOther(
        `${page}&done=${result.repeated ? 'already-decided' : decision === 'accept' ? 'accepted' : 'rejected'}`,
      );
    } catch (error) {
      // Too late or already settled: the page itself says what the quote's state is now.
      if (error instanceof ConflictError && /already/.test(error.message))
        return seeOther(`${page}&done=already-decided`);
      if (error instanceof ConflictError || error instanceof QuoteExpiredError) return seeOther(page);
      throw error;
    }
  },
};
