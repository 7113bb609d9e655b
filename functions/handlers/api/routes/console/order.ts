import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import type { ConsoleAction } from '../../../../usecases/order/console-order.ts';
import { consoleOrderModel } from '../../../../usecases/order/wiring.ts';
import { orderDeps } from '../../../../usecases/order/wiring.ts';
import { renderConsoleOrder } from '../../../../web/console/order.ts';

const ACTIONS: readonly string[] = ['confirm', 'adjust', 'cancel', 'retry'];

export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'consoleOrder',
  audience: 'console',
  async handle({ principal, query, params }) {
    const user = consoleUser(principal);
    const orderId = params.id ?? '';
    const deps = orderDeps();
    const [model, timeZone] = await Promise.all([consoleOrderModel(orderId), deps.promises.plantTimeZone()]);
    const formTokens: Partial<Record<ConsoleAction, string>> = {};
    for (const action of model.actions)
      formTokens[action] = await consoleFormToken(user, `${action}:${orderId}`);
    const done = ACTIONS.includes(String(query.done)) ? (query.done as ConsoleAction) : undefined;
    return htmlPage(
      200,
      renderConsoleOrder(model, {
        locale: consoleLocale(query),
        now: deps.now(),
        timeZone,
        formTokens,
        logoutToken: await consoleFormToken(user, 'logout'),
        ...(done ? { done } : {}),
      }),
    );
  },
};
