import type { RouteHandler } from '../http/types.ts';
import { quoteDecisionSchema } from '../../../shared/schemas/order.ts';
import { ForbiddenError } from '../../../shared/errors.ts';
import { decideQuote } from '../../../usecases/order/decisions.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof quoteDecisionSchema> = {
  operationId: 'decideQuote',
  audience: 'customer',
  bodySchema: quoteDecisionSchema,
  async handle({ principal, body }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    return { status: 200, body: await decideQuote(orderDeps(), principal.orderId, body.decision) };
  },
};
