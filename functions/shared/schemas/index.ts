import * as z from 'zod';
import {
  contactPreferencesUpdateSchema,
  customerPatchSchema,
  customerWriteSchema,
  listCustomersQuerySchema,
  unsubscribeQuery,
} from './customer.ts';
import {
  cancelSchema,
  erpEventSchema,
  inquiryResponseSchema,
  inquirySchema,
  listOrdersQuerySchema,
  promiseDecisionSchema,
  quoteDecisionSchema,
} from './order.ts';
import {
  erpPageQuerySchema,
  erpSupplyQuerySchema,
  productListResponseSchema,
  productSchema,
  promiseCheckSchema,
  skuCode,
  skuSupplyResponseSchema,
  supplySchema,
  workCenterListResponseSchema,
} from './supply.ts';

/**
 * Path parameters by name, the same for every route that has them. Ids are short ASCII, far below
 * DynamoDB's key size limits (2048 bytes for a partition key, 1024 for a sort key).
 */
export const PATH_PARAMETERS: Record<string, z.ZodType> = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only, 1 to 64')
    .describe('1 to 64 letters, digits and . _ : -'),
  sku: skuCode,
  // Checked by the customer audience (authenticate.ts), which answers 404 for any bad token.
  token: z.string().describe('The tracking token from the link in a message (43 characters)'),
};

/** `Idempotency-Key`: the same key from the same caller returns the first result instead of acting twice. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, '1 to 255 visible ASCII characters')
  .describe(
    'A key you choose per action (a UUID is fine). A retry with the same key gets the first answer and acts only once.',
  );

/** The schemas of each operation, by operationId: the route handlers validate with the same objects. */
export const OPERATION_SCHEMAS: Record<
  string,
  {
    body?: z.ZodType;
    query?: z.ZodType;
    response?: z.ZodType;
    /** The success status when it is not 200 (the route handler answers with the same). */
    success?: 201 | 202;
    /** Takes an `Idempotency-Key` header (idempotencyKeyHeader). */
    idempotencyKey?: true;
    /** The request body's media types when not only `application/json`. */
    mediaTypes?: readonly string[];
    /** Takes `If-Match` (an ETag of GET) and answers 412 when the stored version moved on. */
    conditional?: true;
  }
> = {
  createInquiry: { body: inquirySchema, response: inquiryResponseSchema, success: 201, idempotencyKey: true },
  checkPromise: { body: promiseCheckSchema },
  listOrders: { query: listOrdersQuerySchema },
  decidePromise: { body: promiseDecisionSchema },
  cancelOrder: { body: cancelSchema, success: 202 },
  putCustomer: { body: customerWriteSchema, conditional: true },
  postErpEvent: { body: erpEventSchema },
  putProduct: { body: productSchema },
  putSupply: { body: supplySchema },
  decideQuote: { body: quoteDecisionSchema },
  putPreferences: { body: contactPreferencesUpdateSchema },
  unsubscribe: { query: unsubscribeQuery },
  listCustomers: { query: listCustomersQuerySchema },
  patchCustomer: {
    body: customerPatchSchema,
    mediaTypes: ['application/merge-patch+json', 'application/json'],
    conditional: true,
  },
  // ERP reads (supply)
  getProduct: { response: productSchema },
  listProducts: { query: erpPageQuerySchema, response: productListResponseSchema },
  getSupply: { query: erpSupplyQuerySchema, response: skuSupplyResponseSchema },
  listWorkCenters: { query: erpPageQuerySchema, response: workCenterListResponseSchema },
};
