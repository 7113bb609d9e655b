import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { formFields, htmlPage, seeOther } from '../../http/pages.ts';
import { assertConsoleForm, consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import { ValidationError } from '../../../../shared/errors.ts';
import type { InquiryInput } from '../../../../usecases/order/inquiry-check.ts';
import { receiveInquiry } from '../../../../usecases/order/inquiry.ts';
import { quickQuote } from '../../../../usecases/order/quick-quote.ts';
import { orderDeps, quickQuoteDeps } from '../../../../usecases/order/wiring.ts';
import { renderQuickQuote } from '../../../../web/console/quote.ts';
import { asFormError, inquiryFrom, quoteFormValues } from './quote-form.ts';

type Query = z.ZodType<Record<string, string | undefined>>;

/**
 * The create form's token is bound to its idempotency key and to exactly the quoted inquiry: a
 * changed line or a borrowed key does not fit it, and the key makes a second post the same order.
 */
const createPurpose = (key: string, input: InquiryInput) => `quote-create:${key}:${JSON.stringify(input)}`;

/**
 * The quick quote (GET, so a what-if is a link and the language switch keeps it): the form alone
 * on a first visit or "add line"; otherwise the date, split offers, basis and prices, with nothing
 * stored, and a form that turns exactly that into an inquiry.
 */
export const route: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleQuote',
  audience: 'console',
  async handle({ principal, query }) {
    const user = consoleUser(principal);
    const locale = consoleLocale(query);
    const adding = query.add !== undefined;
    const form = quoteFormValues((name) => query[name], adding);
    const deps = quickQuoteDeps();
    const context = { locale, now: deps.now(), logoutToken: await consoleFormToken(user, 'logout'), form };
    if (query.customerId === undefined || adding) return htmlPage(200, renderQuickQuote(context));
    const { input, rowOfLine } = inquiryFrom(form, locale);
    const result = await quickQuote(deps, input).catch((error: unknown) => {
      throw asFormError(error, rowOfLine, locale);
    });
    const key = randomBytes(18).toString('base64url');
    const token = await consoleFormToken(user, createPurpose(key, input));
    return htmlPage(200, renderQuickQuote({ ...context, quote: { result, key, token } }));
  },
};

/** "Create inquiry": the quoted what-if through the inquiry use case, once per form (its key), then its page. */
export const createRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleQuoteCreate',
  audience: 'console',
  async handle(request) {
    const user = consoleUser(request.principal);
    const locale = consoleLocale(request.query);
    const form = formFields(request.rawBody);
    const key = form.get('key') ?? '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(key))
      throw new ValidationError('The form has no valid idempotency key', [
        { path: 'key', message: 'invalid' },
      ]);
    const { input, rowOfLine } = inquiryFrom(
      quoteFormValues((name) => form.get(name) ?? undefined),
      locale,
    );
    await assertConsoleForm(request, form, createPurpose(key, input));
    const { orderId } = await receiveInquiry(orderDeps(), input, {
      createdBy: `sales:${user.subject}`,
      idempotencyKey: `console-quote:${key}`,
    }).catch((error: unknown) => {
      throw asFormError(error, rowOfLine, locale);
    });
    return seeOther(`/console/orders/${encodeURIComponent(orderId)}?lang=${locale}`);
  },
};
