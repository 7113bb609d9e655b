import type { RouteHandler } from '../http/types.ts';
import { productSchema } from '../../../shared/schemas/supply.ts';
import { notifyPromiseChanges, repromiseAfter, storeProduct } from '../../../usecases/promise/index.ts';

/** PUT /v1/erp/products/{sku}: store the product; if it changed, re-check the open orders using it. */
export const route: RouteHandler<typeof productSchema> = {
  operationId: 'putProduct',
  audience: 'erp',
  bodySchema: productSchema,
  async handle({ params, body }) {
    const { sku, changed } = await storeProduct(params.sku ?? '', body);
    // An identical PUT changed nothing, so nothing can need a new promise.
    const changes = changed ? await repromiseAfter({ skus: [sku], workCenters: [] }) : [];
    await notifyPromiseChanges(changes);
    return {
      status: 200,
      body: {
        sku,
        changed,
        repromised: changes.length,
        promisesChanged: changes
          .filter((change) => change.kind === 'changed')
          .map(({ orderId, previousDate, newDate, version }) => ({
            orderId,
            previousDate,
            newDate,
            version,
          })),
      },
    };
  },
};
