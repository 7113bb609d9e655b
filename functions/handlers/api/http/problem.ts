import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DomainError, ValidationError } from '../../../shared/errors.ts';
import { logger } from '../../../shared/powertools/logger.ts';
import { htmlErrorPage } from './error-pages.ts';

/** An RFC 9457 problem+json response. */
export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: `https://promise-keeper.dev/problems/${extra.code ?? status}`,
      title,
      status,
      detail,
      ...extra,
    }),
  };
}

/**
 * The one place errors become HTTP responses: a DomainError by its class's status, anything else
 * a 500 that reveals nothing. Registered first so that, as middy runs onError in reverse, it runs last.
 */
export const problemDetails = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  onError: async (request) => {
    const error = request.error;
    const instance = request.event.rawPath;
    // A person in a browser on a customer page gets a page, in their language, not problem+json.
    const page = htmlErrorPage(request.event, error ?? new Error('unknown'));
    if (page) {
      if (!(error instanceof DomainError)) logger.error('Unexpected error', { error: error as Error });
      request.response = page;
      return;
    }
    if (error instanceof DomainError) {
      const errors = error instanceof ValidationError ? { errors: error.issues } : {};
      if (error.status >= 500) logger.error('Request failed', { error });
      request.response = problem(error.status, error.name, error.message, {
        code: error.code,
        instance,
        ...errors,
      });
      return;
    }
    logger.error('Unexpected error', { error: error as Error, route: request.event.routeKey });
    request.response = problem(
      500,
      'InternalError',
      'Something went wrong on our side; it has been logged.',
      { instance },
    );
  },
});
