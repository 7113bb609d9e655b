import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '../../shared/powertools/logger.ts';
import type { OrderDeps } from '../../usecases/order/ports.ts';
import { orderDeps } from '../../usecases/order/wiring.ts';

/**
 * A workflow task handler: the payload comes from the ASL's `Payload`, the result goes back as
 * `$.Payload`. Errors propagate with their class name, which is what Retry/Catch match on.
 */
export function stepHandler<Payload extends { orderId: string }, Result>(
  name: string,
  run: (deps: OrderDeps, payload: Payload) => Promise<Result>,
) {
  return middy<Payload, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .before((request) => {
      logger.appendKeys({ step: name, orderId: request.event.orderId });
    })
    .onError((request) => {
      logger.error('Workflow step failed', { step: name, error: request.error as Error });
    })
    .handler(async (payload) => run(orderDeps(), payload));
}
