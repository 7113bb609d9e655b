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
import { route as consoleBoard } from './routes/console/board.ts';
import { callbackRoute as consoleCallback, route as consoleLogin } from './routes/console/login.ts';
import { route as consoleLogout } from './routes/console/logout.ts';
import { route as consoleOrder } from './routes/console/order.ts';
import { route as consoleOrderAction } from './routes/console/order-action.ts';
import { bulkRoute as consoleBulkConfirm, route as consoleQueue } from './routes/console/queue.ts';
import { createRoute as consoleQuoteCreate, route as consoleQuote } from './routes/console/quote.ts';
import {
  editRoute as consoleCustomerEdit,
  listRoute as consoleCustomers,
  pageRoute as consoleCustomer,
  saveRoute as consoleCustomerSave,
} from './routes/console/customers.ts';
import { route as listCustomers } from './routes/list-customers.ts';
import { route as patchCustomer } from './routes/patch-customer.ts';
import {
  indexRoute as consoleSupply,
  productRoute as consoleProduct,
  workCenterRoute as consoleWorkCenter,
} from './routes/console/supply.ts';

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
  consoleLogin,
  consoleCallback,
  consoleLogout,
  consoleBoard,
  consoleOrder,
  consoleOrderAction,
  consoleQueue,
  consoleBulkConfirm,
  consoleQuote,
  consoleQuoteCreate,
  listCustomers,
  patchCustomer,
  consoleCustomers,
  consoleCustomer,
  consoleCustomerEdit,
  consoleCustomerSave,
  consoleSupply,
  consoleProduct,
  consoleWorkCenter,
]);
