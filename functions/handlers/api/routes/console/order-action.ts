import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { formFields, seeOther } from '../../http/pages.ts';
import { assertConsoleForm, consoleLocale } from '../../http/console.ts';
import { NotFoundError, ValidationError } from '../../../../shared/errors.ts';
import { cancelSchema, promiseDecisionSchema } from '../../../../shared/schemas/order.ts';
import { cancelOrder } from '../../../../usecases/order/cancel.ts';
import { decidePromise } from '../../../../usecases/order/decisions.ts';
import { retryOrder } from '../../../../usecases/order/retry.ts';
import { orderDeps } from '../../../../usecases/order/wiring.ts';

/** A form's fields checked with the JSON API's own schema, so both refuse the same input alike. */
function parsed<T extends z.ZodType>(schema: T, fields: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(fields);
  if (!result.success)
    throw new ValidationError(
      'The form is invalid',
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || 'form',
        message: issue.message,
      })),
    );
  return result.data;
}

/**
 * An order action from its console page (plain form post, POST-redirect-GET): confirm, adjust,
 * cancel or retry, through the same use cases, guards and schemas as the JSON API.
 */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'consoleOrderAction',
  audience: 'console',
  async handle(request) {
    const orderId = request.params.id ?? '';
    const action = request.params.action ?? '';
    if (!['confirm', 'adjust', 'cancel', 'retry'].includes(action))
      throw new NotFoundError(`No action ${action}`);
    const form = formFields(request.rawBody);
    await assertConsoleForm(request, form, `${action}:${orderId}`);
    const deps = orderDeps();
    const text = (name: string) => form.get(name)?.trim() || undefined;
    if (action === 'confirm') await decidePromise(deps, orderId, { action: 'confirm' });
    if (action === 'adjust') {
      const overrideReason = text('overrideReason');
      const input = parsed(promiseDecisionSchema, {
        action: 'adjust',
        date: text('date'),
        reason: text('reason'),
        ...(overrideReason ? { overrideReason } : {}),
      });
      await decidePromise(deps, orderId, input);
    }
    if (action === 'cancel')
      await cancelOrder(deps, orderId, parsed(cancelSchema, { reason: text('reason') }).reason);
    // The form's token is the retry's idempotency key: a double click re-drives the order once.
    if (action === 'retry')
      await retryOrder(deps, orderId, { idempotencyKey: `console-${form.get('csrf')?.slice(-32) ?? ''}` });
    return seeOther(
      `/console/orders/${encodeURIComponent(orderId)}?lang=${consoleLocale(request.query)}&done=${action}`,
    );
  },
};
