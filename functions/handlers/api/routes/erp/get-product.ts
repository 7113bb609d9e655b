import type { RouteHandler } from '../../http/types.ts';
import { productDocument } from '../../../../usecases/supply/views.ts';
import { supplyReadPorts } from '../../../../usecases/supply/wiring.ts';

/** GET /v1/erp/products/{sku}: the body a PUT to the same path would store, unchanged. */
export const route: RouteHandler = {
  operationId: 'getProduct',
  audience: 'erp',
  async handle({ params }) {
    return { status: 200, body: await productDocument(supplyReadPorts, params.sku ?? '') };
  },
};
