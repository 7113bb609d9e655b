import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { erpSupplyQuerySchema } from '../../../../shared/schemas/supply.ts';
import { skuSupply } from '../../../../usecases/supply/views.ts';
import { supplyReadPorts } from '../../../../usecases/supply/wiring.ts';

/** GET /v1/erp/supply?sku=: on hand, receipts, holds and ATP over the horizon (change days only). */
export const route: RouteHandler<z.ZodType, typeof erpSupplyQuerySchema> = {
  operationId: 'getSupply',
  audience: 'erp',
  querySchema: erpSupplyQuerySchema,
  async handle({ query }) {
    const { days: _everyDay, ...supply } = await skuSupply(supplyReadPorts, query.sku);
    return { status: 200, body: supply };
  },
};
