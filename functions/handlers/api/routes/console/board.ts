import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import { consoleBoardQuerySchema } from '../../../../shared/schemas/console.ts';
import { consoleBoard, type BoardFilters } from '../../../../usecases/order/console-board.ts';
import { orderDeps } from '../../../../usecases/order/wiring.ts';
import { renderBoard } from '../../../../web/console/board.ts';

export const route: RouteHandler<z.ZodType, typeof consoleBoardQuerySchema> = {
  operationId: 'consoleBoard',
  audience: 'console',
  querySchema: consoleBoardQuerySchema,
  async handle({ principal, query }) {
    const user = consoleUser(principal);
    const { lang: _lang, done: _done, atRisk, ...rest } = query;
    const filters: BoardFilters = Object.fromEntries(
      Object.entries({ ...rest, ...(atRisk ? { atRisk: true } : {}) }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const deps = orderDeps();
    const board = await consoleBoard(filters, deps.settings);
    return htmlPage(
      200,
      renderBoard(board, filters, {
        locale: consoleLocale(query),
        logoutToken: await consoleFormToken(user, 'logout'),
        now: deps.now(),
      }),
    );
  },
};
