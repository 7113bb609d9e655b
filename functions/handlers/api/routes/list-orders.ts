import type { RouteHandler } from '../http/types.ts';
import type { z } from 'zod';
import { listOrdersQuerySchema } from '../../../shared/schemas/order.ts';
import { listOrders } from '../wiring.ts';

export const route: RouteHandler<z.ZodType, typeof listOrdersQuerySchema> = {
  operationId: 'listOrders',
  audience: 'sales',
  querySchema: listOrdersQuerySchema,
  async handle({ query }) {
    const page = await listOrders({
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.atRisk === 'true' ? { atRisk: true } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    const orders = page.orders
      .filter((order) => query.atRisk !== 'false' || !order.atRisk)
      .map(
        ({
          orderId,
          customerId,
          status,
          atRisk,
          atRiskReasons,
          promisedDate,
          promiseVersion,
          createdAt,
          updatedAt,
          needsAttention,
        }) => ({
          orderId,
          customerId,
          status,
          atRisk,
          atRiskReasons: atRiskReasons ?? [],
          promisedDate: promisedDate ?? null,
          promiseVersion: promiseVersion ?? null,
          createdAt,
          updatedAt,
          needsAttention: needsAttention ? { cause: needsAttention.cause, at: needsAttention.at } : null,
        }),
      );
    return { status: 200, body: { orders, nextCursor: page.nextCursor ?? null } };
  },
};
