import type { z } from 'zod';
import { contactPreferencesUpdateSchema, customerSchema, unsubscribeQuery } from './customer.ts';
import {
  cancelSchema,
  erpEventSchema,
  inquiryResponseSchema,
  inquirySchema,
  listOrdersQuerySchema,
  promiseDecisionSchema,
  quoteDecisionSchema,
} from './order.ts';
import { productSchema, promiseCheckSchema, supplySchema } from './supply.ts';

/** The schemas of each operation, by operationId: the route handlers validate with the same objects. */
export const OPERATION_SCHEMAS: Record<
  string,
  { body?: z.ZodType; query?: z.ZodType; response?: z.ZodType }
> = {
  createInquiry: { body: inquirySchema, response: inquiryResponseSchema },
  checkPromise: { body: promiseCheckSchema },
  listOrders: { query: listOrdersQuerySchema },
  decidePromise: { body: promiseDecisionSchema },
  cancelOrder: { body: cancelSchema },
  putCustomer: { body: customerSchema },
  postErpEvent: { body: erpEventSchema },
  putProduct: { body: productSchema },
  putSupply: { body: supplySchema },
  decideQuote: { body: quoteDecisionSchema },
  putPreferences: { body: contactPreferencesUpdateSchema },
  unsubscribe: { query: unsubscribeQuery },
};
