import type { RouteHandler } from '../http/types.ts';
import { supplySchema } from '../../../shared/schemas/supply.ts';
import { applySupplyUpdate } from '../../../adapters/dynamodb/supply-repository.ts';
import { notifyPromiseChanges, repromiseAfter } from '../../../usecases/promise/changes.ts';

export const route: RouteHandler<typeof supplySchema> = {
  operationId: 'putSupply',
  audience: 'erp',
  bodySchema: supplySchema,
  async handle({ body }) {
    const changed = await applySupplyUpdate(body);
    const changes = await repromiseAfter(changed);
    await notifyPromiseChanges(changes);
    return {
      status: 200,
      body: {
        changed,
        repromised: changes.length,
        promisesChanged: changes
          .filter((change) => change.kind === 'changed')
          .map(({ orderId, previousDate, newDate }) => ({ orderId, previousDate, newDate })),
      },
    };
  },
};
