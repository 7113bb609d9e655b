import { openApiDocument } from '../../shared/openapi.ts';
import { createApiHandler } from './http/api-handler.ts';
import type { RouteHandler } from './http/types.ts';

const health: RouteHandler = {
  operationId: 'getHealth',
  audience: 'public',
  async handle() {
    return { status: 200, body: { status: 'ok', time: new Date().toISOString() } };
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
