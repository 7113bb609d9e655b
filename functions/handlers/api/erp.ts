import { createApiHandler } from './http/api-handler.ts';
import { route as postErpEvent } from './routes/post-erp-event.ts';
import { route as putProduct } from './routes/put-product.ts';
import { route as putSupply } from './routes/put-supply.ts';
import { route as getProduct } from './routes/erp/get-product.ts';
import { route as getSupply } from './routes/erp/get-supply.ts';
import { route as listProducts } from './routes/erp/list-products.ts';
import { route as listWorkCenters } from './routes/erp/list-work-centers.ts';

export const handler = createApiHandler('ErpApi', [
  postErpEvent,
  putProduct,
  putSupply,
  getProduct,
  getSupply,
  listProducts,
  listWorkCenters,
]);
