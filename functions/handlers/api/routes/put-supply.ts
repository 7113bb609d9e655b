import type { RouteHandler } from '../http/types.ts';
import { supplySchema } from '../../../shared/schemas/supply.ts';
import { notifyPromiseChanges, repromiseAfter, storeSupply } from '../../../usecases/promise/index.ts';

/**
 * PUT /v1/erp/supply: store stock, receipts, calendars and transit times, then re-check every open
 * order that depends on what actually changed and answer with the outcome of each.
 */
export const route: RouteHandler<typeof supplySchema> = {
  operationId: 'putSupply',
  audience: 'erp',
  bodySchema: supplySchema,
  async handle({ body }) {
    const changed = await storeSupply(body);
    const changes = await repromiseAfter(changed);
    await notifyPromiseChanges(changes);
    return {
      status: 200,
      body: {
        changed,
        repromised: changes.length,
        changes: changes.map(
          ({ orderId, kind, slipped, previousDate, newDate, version, cause, overCommitted }) => ({
            orderId,
            kind,
            slipped,
            previousDate,
            newDate,
            version,
            cause,
            overCommitted,
          }),
        ),
        promisesChanged: changes
          .filter((change) => change.kind === 'changed')
          .map(({ orderId, previousDate, newDate }) => ({ orderId, previousDate, newDate })),
      },
    };
  },
};
