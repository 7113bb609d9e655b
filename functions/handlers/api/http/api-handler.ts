import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import {
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableContentError,
  ValidationError,
  type FieldIssue,
} from '../../../shared/errors.ts';
import { UNPROCESSABLE } from '../../../shared/schemas/bounds.ts';
import { idempotencyKeyHeader, PATH_PARAMETERS } from '../../../shared/schemas/index.ts';
import { logger } from '../../../shared/powertools/logger.ts';
import { ROUTES, routeKey, type ApiFunctionName } from '../routes.ts';
import { authenticate, spendSignature } from './authenticate.ts';
import { problemDetails } from './problem.ts';
import type { RouteHandler } from './types.ts';

/** Bodies larger than this are refused before parsing (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 64 * 1024;

function issues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body',
    message: issue.message,
  }));
}

/**
 * A schema failure as the error to answer with: 422 when every issue is a well-formed value out of
 * range (schemas/bounds.ts marks those), otherwise 400.
 */
function invalid(message: string, error: z.ZodError, prefix: string): ValidationError {
  const unprocessable = error.issues.every(
    (issue) =>
      issue.code === 'custom' &&
      (issue.params as { status?: number } | undefined)?.status === UNPROCESSABLE.status,
  );
  return unprocessable
    ? new UnprocessableContentError(message, issues(error, prefix))
    : new ValidationError(message, issues(error, prefix));
}

/** Path parameters and the Idempotency-Key header, checked the same way on every route. */
function checkParamsAndHeaders(event: APIGatewayProxyEventV2): Record<string, string> {
  const params = (event.pathParameters ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(params)) {
    const parsed = PATH_PARAMETERS[name]?.safeParse(value);
    if (parsed && !parsed.success) throw invalid(`The path parameter ${name} is invalid`, parsed.error, name);
  }
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined) {
    const parsed = idempotencyKeyHeader.safeParse(idempotencyKey);
    if (!parsed.success)
      throw invalid('The Idempotency-Key header is invalid', parsed.error, 'header.idempotency-key');
  }
  return params;
}

function parseJson(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    throw new ValidationError(`Malformed JSON body: ${(error as Error).message}`, [
      { path: 'body', message: 'not valid JSON' },
    ]);
  }
}

/**
 * One Lambda handler for every route of an audience function. Order of work: route lookup, body
 * size, authentication, JSON parsing, schema validation; only then the route's own handler.
 */
export function createApiHandler(functionName: ApiFunctionName, handlers: readonly RouteHandler[]) {
  const byRouteKey = new Map(
    ROUTES.filter((route) => route.function === functionName).map((route) => [
      routeKey(route),
      { route, handler: handlers.find((handler) => handler.operationId === route.operationId) },
    ]),
  );
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>()
    .use(problemDetails())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .handler(async (event) => {
      const entry = byRouteKey.get(event.routeKey);
      if (!entry?.handler) throw new NotFoundError(`No route ${event.routeKey}`);
      const { route, handler } = entry;
      logger.appendKeys({ operationId: route.operationId });
      const rawBody = event.body
        ? event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body
        : '';
      if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
        throw new PayloadTooLargeError(`Body is larger than ${MAX_BODY_BYTES} bytes`);
      const principal = await authenticate(route.audience, event, rawBody);
      const params = checkParamsAndHeaders(event);

      let body: unknown = undefined;
      if (handler.bodySchema) {
        const parsed = handler.bodySchema.safeParse(parseJson(rawBody));
        if (!parsed.success) throw invalid('The request body is invalid', parsed.error, '');
        body = parsed.data;
      }
      let query: unknown = event.queryStringParameters ?? {};
      if (handler.querySchema) {
        const parsed = handler.querySchema.safeParse(query);
        if (!parsed.success) throw invalid('The query string is invalid', parsed.error, 'query');
        query = parsed.data;
      }
      if (principal.kind === 'erp' && principal.signature) await spendSignature(principal.signature);
      const result = await handler.handle({
        body,
        rawBody,
        params,
        query: query as Record<string, string | undefined>,
        headers: event.headers,
        ...(event.cookies ? { cookies: event.cookies } : {}),
        principal,
      });
      return {
        statusCode: result.status,
        headers: { 'content-type': 'application/json', ...result.headers },
        body:
          result.body === undefined
            ? ''
            : typeof result.body === 'string' && result.headers?.['content-type']
              ? result.body
              : JSON.stringify(result.body),
      };
    });
}
