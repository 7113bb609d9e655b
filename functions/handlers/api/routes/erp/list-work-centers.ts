import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { erpPageQuerySchema } from '../../../../shared/schemas/supply.ts';
import { workCenterList } from '../../../../usecases/supply/views.ts';
import { supplyReadPorts } from '../../../../usecases/supply/wiring.ts';

/** GET /v1/erp/work-centers: capacity calendars and held hours per day, in id order, a page at a time. */
export const route: RouteHandler<z.ZodType, typeof erpPageQuerySchema> = {
  operationId: 'listWorkCenters',
  audience: 'erp',
  querySchema: erpPageQuerySchema,
  async handle({ query }) {
    const page = await workCenterList(supplyReadPorts, query);
    return { status: 200, body: { workCenters: page.items, nextCursor: page.nextCursor ?? null } };
  },
};
