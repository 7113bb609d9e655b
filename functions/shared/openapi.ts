// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { ROUTES, type Audience } from '../handlers/api/routes.ts';
import { LIMITS } from './schemas/bounds.ts';
import { idempotencyKeyHeader, OPERATION_SCHEMAS, PATH_PARAMETERS } from './schemas/index.ts';

const SECURITY: Record<Audience, Record<string, string[]>[]> = {
  public: [],
  sales: [{ salesJwt: [] }],
  erp: [{ erpSignature: [] }],
  salesOrErp: [{ salesJwt: [] }, { erpSignature: [] }],
  customer: [],
  console: [{ salesJwt: [] }],
};

const problem = (description: string) => ({
  description: `${description} (problem details, RFC 9457)`,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The error answers of a route, by what it can meet: each is produced by the class in shared/errors.ts. */
function errorResponses(audience: Audience, hasInput: boolean, hasPathParameters: boolean) {
  return {
    ...(hasInput || hasPathParameters
      ? { '400': problem('A field is malformed or missing; `errors` names each one') }
      : {}),
    ...(audience === 'public' || audience === 'customer'
      ? {}
      : { '401': problem('No valid credential: bearer token, or X-Signature within 5 minutes') }),
    ...(audience === 'sales' || audience === 'salesOrErp'
      ? { '403': problem('The token is valid but its user is not in the sales group') }
      : {}),
    ...(audience === 'public' ? {} : { '404': problem('No such order, customer, product or tracking link') }),
    ...(audience === 'public'
      ? {}
      : {
          '409': problem(
            audience === 'erp' || audience === 'salesOrErp'
              ? 'The order is not in a stage for this action, a concurrent change won, or the ERP signature was already used (sign every request anew)'
              : 'The order is not in a stage for this action, or a concurrent change won',
          ),
        }),
    ...(hasInput ? { '413': problem('The body is larger than 64 KB') } : {}),
    ...(hasInput
      ? {
          '422': problem(
            'Well-formed but not usable: a date or value out of range, or master data that does not exist (a BOM component, a work center, a region without transit time)',
          ),
        }
      : {}),
  };
}

/** OpenAPI 3.1 for the whole API, from the route table and the same zod schemas that validate requests. */
export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const schemas = OPERATION_SCHEMAS[route.operationId] ?? {};
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => {
      const schema = PATH_PARAMETERS[match[1] ?? ''];
      return {
        name: match[1],
        in: 'path',
        required: true,
        schema: schema ? z.toJSONSchema(schema, { io: 'input' }) : { type: 'string' },
      };
    });
    const headerParams = schemas.idempotencyKey
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: idempotencyKeyHeader.description,
            schema: z.toJSONSchema(idempotencyKeyHeader, { io: 'input' }),
          },
        ]
      : [];
    const conditionalParams = schemas.conditional
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description:
              'The ETag of the customer you read (GET answers it): the write applies only to that version, else 412. A `version` in the body does the same.',
            schema: { type: 'string' },
          },
        ]
      : [];
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
      parameters: [...pathParams, ...queryParams, ...headerParams, ...conditionalParams],
      ...(schemas.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (schemas.mediaTypes ?? ['application/json']).map((mediaType) => [
                  mediaType,
                  { schema: z.toJSONSchema(schemas.body!, { io: 'input' }) },
                ]),
              ),
            },
          }
        : {}),
      responses: {
        [String(schemas.success ?? 200)]: {
          description:
            schemas.success === 202
              ? 'Accepted: it takes effect as the order workflow reaches it'
              : 'Success',
          ...(schemas.response
            ? { content: { 'application/json': { schema: z.toJSONSchema(schemas.response) } } }
            : {}),
        },
        ...errorResponses(route.audience, Boolean(schemas.body || schemas.query), route.path.includes('{')),
        ...(schemas.conditional
          ? {
              '412': problem(
                'If-Match or `version` names a version that is no longer the stored one: read again',
              ),
            }
          : {}),
        ...(schemas.mediaTypes
          ? { '415': problem(`The body is not ${schemas.mediaTypes.join(' or ')}`) }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Promise Keeper API',
      version: '1.0.0',
      description: [
        'Orders, delivery promises and notifications for manufacturers.',
        '',
        'Every input is validated before anything is stored: a malformed field gets 400, a well-formed',
        'value the product cannot act on gets 422, and `errors` names each field. Quantities and hours',
        `have at most ${LIMITS.decimals} decimal places and the bounds given with each field; dates lie`,
        `from ${LIMITS.firstDate} to ${LIMITS.lastDate}; ids are 1 to 64 ASCII characters.`,
        '',
        'ERP requests are signed (X-Signature) and single-use: a signature already seen in its 5-minute',
        'window gets 409 `replayed-request`. Sign every request, including every retry, anew with a fresh',
        'nonce (`n=`): without one, identical bodies signed in the same second have the same signature.',
        'A request refused as invalid (400, 413) does not use up its signature.',
        '',
        'A GET has no body, so it signs its request line instead: `GET <path>[?<query>]`, the path as sent',
        '(percent-encoded as on the wire) and the query canonical: every name and value decoded, then',
        'percent-encoded as RFC 3986 says (all but A-Z a-z 0-9 - . _ ~), the pairs sorted by name, then value,',
        'and joined by `&`. Example: `t.n.GET /v1/erp/supply?sku=PUMP-100`. A signature for one path or query',
        'fails for any other, and a signed GET is single-use like any other request.',
      ].join('\n'),
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
          description:
            't=<unix seconds>,n=<nonce>,v1=<hex HMAC-SHA256 of "t.n.rawBody"> (without n: of "t.rawBody"; a GET signs its request line "GET <path>[?<canonical query>]" in place of the body); within 5 minutes of now, and single-use (a replay gets 409)',
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
