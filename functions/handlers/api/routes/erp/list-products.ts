import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { erpPageQuerySchema } from '../../../../shared/schemas/supply.ts';
import { productList } from '../../../../usecases/supply/views.ts';
import { supplyReadPorts } from '../../../../usecases/supply/wiring.ts';

/** GET /v1/erp/products: the catalogue in SKU order, a page at a time. */
export const route: RouteHandler<z.ZodType, typeof erpPageQuerySchema> = {
  operationId: 'listProducts',
  audience: 'erp',
  querySchema: erpPageQuerySchema,
  async handle({ query }) {
    const page = await productList(supplyReadPorts, query);
    return { status: 200, body: { products: page.items, nextCursor: page.nextCursor ?? null } };
  },
};
