/**
 * Every error a user can cause is a class here. HTTP status comes from the class (mapped in one
 * place, functions/handlers/api/http.ts), and Step Functions sees the class name as the error name,
 * so Retry/Catch in the ASL match on these names.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Machine-readable problem type, the last segment of the problem+json `type`. */
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  readonly status: number = 400;
  readonly code: string = 'validation-error';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, { issues });
  }
}

/** Well-formed input outside what the product can act on (a date in 9999, a calendar with no working day). */
export class UnprocessableContentError extends ValidationError {
  override readonly status = 422;
  override readonly code = 'unprocessable-content';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly code = 'payload-too-large';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not-found';
}

/** A signed request whose signature was already used: a replay, or a retry that was not signed anew. */
export class ReplayedRequestError extends DomainError {
  readonly status = 409;
  readonly code = 'replayed-request';
}

/** The request is well-formed but does not fit the order's current stage. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class QuoteExpiredError extends DomainError {
  readonly status = 409;
  readonly code = 'quote-expired';
}

/** Supply data that cannot give a correct date (BOM cycle, unknown SKU or work center, ...). */
export class SupplyDataError extends DomainError {
  readonly status = 422;
  readonly code = 'supply-data-error';
}

/** Another writer changed what we read; the caller recomputes and tries again. */
export class ConcurrentChangeError extends DomainError {
  readonly status = 409;
  readonly code = 'concurrent-change';
}

/** Something the API depends on (the table) cannot be reached: clients should retry later. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'service-unavailable';
}

/** A conditional write (If-Match, or the `version` read) whose version is no longer the stored one. */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly code = 'precondition-failed';
}

/** A body in a media type the route does not take (a merge patch must say it is one, or JSON). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported-media-type';
}
