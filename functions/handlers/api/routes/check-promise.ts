import type { RouteHandler } from '../http/types.ts';
import { promiseCheckSchema } from '../../../shared/schemas/supply.ts';
import { checkQuote } from '../../../usecases/promise/index.ts';

export const route: RouteHandler<typeof promiseCheckSchema> = {
  operationId: 'checkPromise',
  audience: 'salesOrErp',
  bodySchema: promiseCheckSchema,
  async handle({ body }) {
    const { result, promise } = await checkQuote(body, new Date());
    // What would be held is internal detail; the answer is the dates and why. `date` stays the
    // engine's plan; `promisedDate` is what a quote would promise under the plant's policy.
    return {
      status: 200,
      body: {
        ...result,
        lines: result.lines.map(({ stockToReserve: _s, capacityToReserve: _c, ...line }) => line),
        promisedDate: promise.date,
        likelyDate: promise.likelyDate ?? null,
        bufferDays: promise.bufferDays ?? 0,
      },
    };
  },
};
