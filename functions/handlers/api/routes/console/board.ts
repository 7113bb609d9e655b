import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import { consoleBoardQuerySchema } from '../../../../shared/schemas/console.ts';
import { consoleBoard, type BoardFilters } from '../../../../usecases/order/console-board.ts';
import { boardSource, orderDeps } from '../../../../usecases/order/wiring.ts';
import { renderBoard, renderBoardTables } from '../../../../web/console/board.ts';
import { SCRIPTED_PAGE_HEADERS } from '../../../../web/console/script.ts';

export const route: RouteHandler<z.ZodType, typeof consoleBoardQuerySchema> = {
  operationId: 'consoleBoard',
  audience: 'console',
  querySchema: consoleBoardQuerySchema,
  async handle({ principal, query }) {
    const user = consoleUser(principal);
    const { lang: _lang, done: _done, part, atRisk, ...rest } = query;
    const filters: BoardFilters = Object.fromEntries(
      Object.entries({ ...rest, ...(atRisk ? { atRisk: true } : {}) }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const deps = orderDeps();
    const board = await consoleBoard(boardSource(), filters, deps.settings);
    const context = { locale: consoleLocale(query), now: deps.now() };
    // The page's script asks for the lists alone every half minute; a browser without it reloads.
    if (part === 'tables') return htmlPage(200, renderBoardTables(board, filters, context).value);
    const body = renderBoard(board, filters, {
      ...context,
      logoutToken: await consoleFormToken(user, 'logout'),
    });
    return { ...htmlPage(200, body), headers: SCRIPTED_PAGE_HEADERS };
  },
};
