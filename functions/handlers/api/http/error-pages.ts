import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { trackingLinkDays } from '../../../shared/auth/tracking-token.ts';
import { DomainError, NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { isLocale } from '../../../web/i18n.ts';
import { PAGE_HEADERS } from '../../../web/layout.ts';
import { renderErrorPage, renderLinkPage } from '../../../web/simple-pages.ts';

/**
 * The error page for a browser on a customer page, or undefined for everyone else. An unknown or
 * run-out link gets the same "fresh link" page either way, with the same 404, revealing nothing.
 */
export function htmlErrorPage(
  event: APIGatewayProxyEventV2,
  error: Error,
): APIGatewayProxyResultV2 | undefined {
  const accept = event.headers?.accept ?? event.headers?.Accept ?? '';
  const match = /^\/v1\/track\/([^/]+)/.exec(event.rawPath ?? '');
  if (!match || !/text\/html/.test(accept)) return undefined;
  const lang = event.queryStringParameters?.lang;
  const locale = isLocale(lang) ? lang : 'en';
  const basePath = `/v1/track/${match[1]}`;
  const status = error instanceof DomainError ? error.status : 500;
  const body =
    error instanceof NotFoundError
      ? renderLinkPage({ locale, basePath, sent: false, days: trackingLinkDays() })
      : renderErrorPage({
          locale,
          selfPath: basePath,
          formExpired:
            error instanceof ValidationError && error.issues.some((issue) => issue.path === 'csrf'),
        });
  return { statusCode: status, headers: { ...PAGE_HEADERS }, body };
}
