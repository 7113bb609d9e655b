import { createApiHandler } from './http/api-handler.ts';
import { route as postErpEvent } from './routes/post-erp-event.ts';
import { route as putProduct } from './routes/put-product.ts';
import { route as putSupply } from './routes/put-supply.ts';

export const handler = createApiHandler('ErpApi', [postErpEvent, putProduct, putSupply]);
