import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { trackingLinkDays } from '../../../shared/auth/tracking-token.ts';
import { DomainError, NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { isLocale } from '../../../web/i18n.ts';
import { PAGE_HEADERS } from '../../../web/layout.ts';
import { renderErrorPage, renderLinkPage } from '../../../web/simple-pages.ts';
import { renderConsoleError, renderSignIn } from '../../../web/console/frame.ts';

/** A console page's error for a browser: sign-in when the session is missing or over, else what was wrong. */
function consoleErrorPage(event: APIGatewayProxyEventV2, error: Error): APIGatewayProxyResultV2 {
  const lang = event.queryStringParameters?.lang;
  const locale = isLocale(lang) ? lang : 'en';
  const status = error instanceof DomainError ? error.status : 500;
  const body =
    status === 401
      ? renderSignIn(locale, { signedOut: false, cloudLogin: false })
      : renderConsoleError(locale, {
          status,
          message:
            error instanceof DomainError ? error.message : 'Something went wrong; nothing was changed.',
          fields: error instanceof ValidationError ? error.issues : [],
        });
  return { statusCode: status, headers: { ...PAGE_HEADERS }, body };
}

/**
 * The error page for a browser on a customer page, or undefined for everyone else. An unknown or
 * run-out link gets the same "fresh link" page either way, with the same 404, revealing nothing.
 */
export function htmlErrorPage(
  event: APIGatewayProxyEventV2,
  error: Error,
): APIGatewayProxyResultV2 | undefined {
  const accept = event.headers?.accept ?? event.headers?.Accept ?? '';
  if (/^\/console(\/|$)/.test(event.rawPath ?? '') && /text\/html/.test(accept))
    return consoleErrorPage(event, error);
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
