import type { z } from 'zod';
import type { Audience } from '../routes.ts';
import type { VerifiedSignature } from '../../../shared/auth/hmac.ts';

/** Who made the request, established before a route handler runs. */
export type Principal =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'sales';
      readonly subject: string;
      readonly claims: Readonly<Record<string, unknown>>;
      /** Hash of the console session's token when the request came with the cookie; binds its forms. */
      readonly session?: string;
    }
  /**
   * The ERP, by a valid signature, which the HTTP layer spends (single use) before the route acts.
   * authenticate() always sets it; only a route called in-process (a test) goes without.
   */
  | { readonly kind: 'erp'; readonly signature?: VerifiedSignature }
  /** A customer holding the tracking token of exactly this order. */
  | {
      readonly kind: 'customer';
      readonly orderId: string;
      /** Hash of the link's token: binds the page's forms to this link. */
      readonly tokenHash: string;
      /** When a fresh link was sent (absent for the order's first link). */
      readonly issuedAt?: string;
    };

/** A parsed, validated and authenticated request, as route handlers see it. */
export interface ApiRequest<Body = unknown, Query = Record<string, string | undefined>> {
  readonly body: Body;
  readonly rawBody: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** API Gateway's `cookies` of the request (the cloud takes them out of the headers). */
  readonly cookies?: readonly string[];
  readonly principal: Principal;
}

export interface ApiResponse {
  readonly status: number;
  /** A JSON body; a string is sent as it is (HTML pages set their own content-type). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One route's handler. The HTTP layer (functions/handlers/api/http/) parses JSON, enforces the body
 * size limit, authenticates the route's audience, validates `body`/`query` with the schemas (a bad
 * field becomes a 400 problem+json naming it) and maps thrown DomainErrors to their status.
 */
export interface RouteHandler<
  BodySchema extends z.ZodType = z.ZodType,
  QuerySchema extends z.ZodType = z.ZodType,
> {
  readonly operationId: string;
  readonly audience: Audience;
  readonly bodySchema?: BodySchema;
  readonly querySchema?: QuerySchema;
  /** Schema of the success body, for the OpenAPI document. */
  readonly responseSchema?: z.ZodType;
  handle(request: ApiRequest<z.infer<BodySchema>, z.infer<QuerySchema>>): Promise<ApiResponse>;
}
