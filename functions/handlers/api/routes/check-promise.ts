import type { RouteHandler } from '../http/types.ts';
import { promiseCheckSchema } from '../../../shared/schemas/supply.ts';
import { checkPromise } from '../../../usecases/promise/index.ts';

export const route: RouteHandler<typeof promiseCheckSchema> = {
  operationId: 'checkPromise',
  audience: 'salesOrErp',
  bodySchema: promiseCheckSchema,
  async handle({ body }) {
    const result = await checkPromise(body, new Date());
    // What would be held is internal detail; the answer is the dates and why.
    return {
      status: 200,
      body: {
        ...result,
        lines: result.lines.map(({ stockToReserve: _s, capacityToReserve: _c, ...line }) => line),
      },
    };
  },
};
