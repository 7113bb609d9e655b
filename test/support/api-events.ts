import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { erpRequestLine, erpSignature } from '../../infra/local/api-client.ts';

/** A sales user's claims as API Gateway's JWT authorizer hands them on (every value a string). */
export const SALES_CLAIMS = {
  sub: 'test-sales',
  'cognito:groups': '[sales]',
  exp: String(Math.floor(Date.now() / 1000) + 3600),
};

export interface EventOptions {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** The raw body as sent, when it is not JSON of `body`. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** Verified JWT claims (sales routes); absent: no authorizer context. */
  readonly claims?: Record<string, unknown>;
  /** Sign the body as the ERP with this secret (a new signature each call, unless `timestamp` is given). */
  readonly erpSecret?: string;
  readonly timestamp?: number;
}

/** An API Gateway HTTP API (payload 2.0) event for a route key such as `PUT /v1/erp/supply`. */
export function apiEvent(routeKey: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const [method = 'GET', pathTemplate = '/'] = routeKey.split(' ');
  const rawPath = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(options.params?.[name] ?? ''),
  );
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  const signed =
    method === 'GET'
      ? erpRequestLine(
          method,
          new URL(`${rawPath}${rawQueryString ? `?${rawQueryString}` : ''}`, 'http://api'),
        )
      : (body ?? '');
  if (options.erpSecret) headers['x-signature'] = erpSignature(options.erpSecret, signed, options.timestamp);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.params ? { pathParameters: options.params } : {}),
    requestContext: {
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      routeKey,
      requestId: 'test',
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: [] } } } : {}),
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

export type ApiLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export const lambdaContext = {
  functionName: 'test',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/** Invokes an API function's handler and returns status and parsed body. */
export async function invoke(
  handler: ApiLambda,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const result = (await handler(event, lambdaContext)) as APIGatewayProxyStructuredResultV2;
  const text = result.body ?? '';
  return {
    status: result.statusCode ?? 200,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
