import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { htmlPage } from '../../http/pages.ts';
import { consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import type { ApiRequest } from '../../http/types.ts';
import { optionalEnv } from '../../../../shared/config.ts';
import { consoleSupplyQuerySchema } from '../../../../shared/schemas/console.ts';
import {
  consoleProduct,
  consoleSupplyIndex,
  consoleWorkCenter,
} from '../../../../usecases/supply/console.ts';
import { supplyReadPorts } from '../../../../usecases/supply/wiring.ts';
import { renderProduct, renderSupplyIndex, renderWorkCenter } from '../../../../web/console/supply.ts';

type Query = z.ZodType<Record<string, string | undefined>>;

async function pageContext(request: Pick<ApiRequest, 'principal' | 'query'>) {
  const user = consoleUser(request.principal);
  return {
    locale: consoleLocale(request.query),
    logoutToken: await consoleFormToken(user, 'logout'),
    currency: optionalEnv('CURRENCY', 'EUR'),
  };
}

/** GET /console/supply: products and work centers, each list paged by its own cursor. */
export const indexRoute: RouteHandler<z.ZodType, typeof consoleSupplyQuerySchema> = {
  operationId: 'consoleSupply',
  audience: 'console',
  querySchema: consoleSupplyQuerySchema,
  async handle(request) {
    const context = await pageContext(request);
    const cursors = {
      ...(request.query.products ? { products: request.query.products } : {}),
      ...(request.query.workCenters ? { workCenters: request.query.workCenters } : {}),
    };
    const model = await consoleSupplyIndex(supplyReadPorts, cursors);
    return htmlPage(200, renderSupplyIndex(model, cursors, context));
  },
};

/** GET /console/products/{sku}. */
export const productRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleProduct',
  audience: 'console',
  async handle(request) {
    const context = await pageContext(request);
    return htmlPage(
      200,
      renderProduct(await consoleProduct(supplyReadPorts, request.params.sku ?? ''), context),
    );
  },
};

/** GET /console/work-centers/{id}. */
export const workCenterRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleWorkCenter',
  audience: 'console',
  async handle(request) {
    const context = await pageContext(request);
    return htmlPage(
      200,
      renderWorkCenter(await consoleWorkCenter(supplyReadPorts, request.params.id ?? ''), context),
    );
  },
};
