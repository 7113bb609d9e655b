import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { assertSameOrigin, htmlPage, pageLocale } from '../http/pages.ts';
import { trackingLinkDays } from '../../../shared/auth/tracking-token.ts';
import { sendFreshLink } from '../../../usecases/customer/wiring.ts';
import { renderLinkPage } from '../../../web/simple-pages.ts';

/**
 * "Email me a fresh link" on the page of an unknown or run-out link. Public on purpose: the answer
 * is the same for every token, so it cannot be used to find out whether an order exists.
 */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'requestFreshLink',
  audience: 'public',
  async handle({ headers, query, params }) {
    assertSameOrigin(headers);
    await sendFreshLink(params.token ?? '');
    const body = renderLinkPage({
      locale: pageLocale(query, 'en'),
      basePath: `/v1/track/${params.token ?? ''}`,
      sent: true,
      days: trackingLinkDays(),
    });
    return htmlPage(200, body);
  },
};
