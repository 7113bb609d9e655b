import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { htmlPage, pageLocale, wantsHtml } from '../http/pages.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { formToken } from '../../../shared/auth/form-token.ts';
import { customerOrderView } from '../../../usecases/order/views.ts';
import { customerOrderPage } from '../../../usecases/customer/wiring.ts';
import { NOTICES, renderOrderPage, type PageNotice } from '../../../web/order-page.ts';

/** The link in every message: the order page for a browser, the customer view as JSON for integrations. */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'trackOrder',
  audience: 'customer',
  async handle({ principal, headers, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    if (!wantsHtml(headers)) return { status: 200, body: await customerOrderView(principal) };
    const model = await customerOrderPage(principal);
    const done = (NOTICES as readonly unknown[]).includes(query.done)
      ? (query.done as PageNotice)
      : undefined;
    const body = renderOrderPage(model, {
      locale: pageLocale(query, model.defaultLocale),
      basePath: `/v1/track/${params.token}`,
      formTokens: {
        decision: await formToken(principal.tokenHash, 'decision'),
        requote: await formToken(principal.tokenHash, 'requote'),
      },
      ...(done ? { notice: done } : {}),
    });
    return htmlPage(200, body);
  },
};
