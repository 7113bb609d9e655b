import type { RouteHandler } from '../http/types.ts';
import { productSchema } from '../../../shared/schemas/supply.ts';
import { putProduct } from '../../../adapters/dynamodb/supply-repository.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { notifyPromiseChanges, repromiseAfter } from '../../../usecases/promise/changes.ts';

export const route: RouteHandler<typeof productSchema> = {
  operationId: 'putProduct',
  audience: 'erp',
  bodySchema: productSchema,
  async handle({ params, body }) {
    const sku = params.sku ?? '';
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(sku))
      throw new ValidationError('Invalid SKU in the path', [
        { path: 'sku', message: 'letters, digits and . _ : - only' },
      ]);
    if (body.bom.some((line) => line.sku === sku))
      throw new ValidationError('A product cannot contain itself', [
        { path: 'bom', message: `contains ${sku}` },
      ]);
    await putProduct({ sku, ...body });
    const changes = await repromiseAfter({ skus: [sku], workCenters: [] });
    await notifyPromiseChanges(changes);
    return { status: 200, body: { sku, repromised: changes.length } };
  },
};
