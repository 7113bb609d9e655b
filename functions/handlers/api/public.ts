import { openApiDocument } from '../../shared/openapi.ts';
import { checkHealth } from '../../usecases/health/check-health.ts';
import { createApiHandler } from './http/api-handler.ts';
import { tableStatus } from './wiring.ts';
import type { RouteHandler } from './http/types.ts';

const health: RouteHandler = {
  operationId: 'getHealth',
  audience: 'public',
  async handle() {
    return { status: 200, body: await checkHealth({ now: () => new Date(), tableStatus }) };
  },
};

let document: unknown;
const openApi: RouteHandler = {
  operationId: 'getOpenApi',
  audience: 'public',
  async handle() {
    document ??= openApiDocument();
    return { status: 200, body: document };
  },
};

export const handler = createApiHandler('PublicApi', [health, openApi]);
