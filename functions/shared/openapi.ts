// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { ROUTES, type Audience } from '../handlers/api/routes.ts';
import { OPERATION_SCHEMAS } from './schemas/index.ts';

const SECURITY: Record<Audience, Record<string, string[]>[]> = {
  public: [],
  sales: [{ salesJwt: [] }],
  erp: [{ erpSignature: [] }],
  salesOrErp: [{ salesJwt: [] }, { erpSignature: [] }],
  customer: [],
};

const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** OpenAPI 3.1 for the whole API, from the route table and the same zod schemas that validate requests. */
export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const schemas = OPERATION_SCHEMAS[route.operationId] ?? {};
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryShape = schemas.query
      ? (z.toJSONSchema(schemas.query, { io: 'input' }) as {
          properties?: Record<string, unknown>;
          required?: string[];
        })
      : undefined;
    const queryParams = Object.entries(queryShape?.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: queryShape?.required?.includes(name) ?? false,
      schema,
    }));
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.audience],
      security: SECURITY[route.audience],
      parameters: [...pathParams, ...queryParams],
      ...(schemas.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(schemas.body, { io: 'input' }) } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'Success',
          ...(schemas.response
            ? { content: { 'application/json': { schema: z.toJSONSchema(schemas.response) } } }
            : {}),
        },
        '400': problem,
        '401': problem,
        '404': problem,
        '409': problem,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Promise Keeper API',
      version: '1.0.0',
      description: 'Orders, delivery promises and notifications for manufacturers.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        salesJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        erpSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
}
