import { createApiHandler } from './http/api-handler.ts';
import { route as cancelOrder } from './routes/cancel-order.ts';
import { route as checkPromise } from './routes/check-promise.ts';
import { route as createInquiry } from './routes/create-inquiry.ts';
import { route as decidePromise } from './routes/decide-promise.ts';
import { route as getCustomer } from './routes/get-customer.ts';
import { route as getOrder } from './routes/get-order.ts';
import { route as listOrders } from './routes/list-orders.ts';
import { route as putCustomer } from './routes/put-customer.ts';
import { route as retryOrder } from './routes/retry-order.ts';

export const handler = createApiHandler('SalesApi', [
  createInquiry,
  checkPromise,
  listOrders,
  getOrder,
  decidePromise,
  cancelOrder,
  retryOrder,
  putCustomer,
  getCustomer,
]);
