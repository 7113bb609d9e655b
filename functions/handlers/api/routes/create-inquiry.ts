import type { RouteHandler } from '../http/types.ts';
import { inquiryResponseSchema, inquirySchema } from '../../../shared/schemas/order.ts';
import { receiveInquiry } from '../../../usecases/order/inquiry.ts';
import { orderDeps } from '../../../usecases/order/wiring.ts';

export const route: RouteHandler<typeof inquirySchema> = {
  operationId: 'createInquiry',
  audience: 'salesOrErp',
  bodySchema: inquirySchema,
  responseSchema: inquiryResponseSchema,
  async handle({ body, headers, principal }) {
    const createdBy = principal.kind === 'sales' ? `sales:${principal.subject}` : 'erp';
    const idempotencyKey = headers['idempotency-key'];
    const result = await receiveInquiry(orderDeps(), body, {
      createdBy,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return {
      status: 201,
      headers: {
        location: `/v1/orders/${result.orderId}`,
        ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
      // The tracking link goes to the customer only (in their messages), never back to sales.
      body: { orderId: result.orderId, status: result.status },
    };
  },
};
