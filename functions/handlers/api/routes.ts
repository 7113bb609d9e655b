/**
 * The HTTP API's route table: the single source for the CDK HTTP API, the local API server, the
 * per-audience routers and the OpenAPI document. Paths use API Gateway's `{param}` syntax.
 *
 * Audiences and how each is authenticated (the same checks locally and in the cloud):
 * - public: nobody.
 * - sales: a JWT (Cognito user pool in the cloud, locally signed dev tokens); API Gateway's JWT
 *   authorizer in the cloud, the local API server's identical check locally.
 * - erp: HMAC-SHA256 signature over `timestamp.rawBody` (a GET: over its request line), checked in
 *   the handler.
 * - salesOrErp: either of the two, checked in the handler (a route has one gateway authorizer).
 * - customer: an unguessable tracking token in the path, checked in the handler.
 * - console: the sales console's pages: the sales JWT from the session cookie (or a bearer header),
 *   checked in the handler with the same verification, since a browser sends no bearer header.
 */
export type Audience = 'public' | 'sales' | 'erp' | 'salesOrErp' | 'customer' | 'console';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** Which Lambda function serves the route; one function per audience keeps IAM tight and bundles few. */
export type ApiFunctionName = 'PublicApi' | 'SalesApi' | 'ErpApi' | 'CustomerApi';

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly audience: Audience;
  readonly operationId: string;
  readonly summary: string;
  readonly function: ApiFunctionName;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/v1/health',
    audience: 'public',
    operationId: 'getHealth',
    summary: 'Whether the API can serve: 200, or 503 when the order table cannot be reached',
    function: 'PublicApi',
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    audience: 'public',
    operationId: 'getOpenApi',
    summary: 'This API as OpenAPI 3.1',
    function: 'PublicApi',
  },

  {
    method: 'POST',
    path: '/v1/inquiries',
    audience: 'salesOrErp',
    operationId: 'createInquiry',
    summary: 'Record an inquiry and start its order workflow',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/v1/promise-check',
    audience: 'salesOrErp',
    operationId: 'checkPromise',
    summary:
      "Compute a promise without storing anything: the engine's plan (`date`) and what a quote would promise under the plant's policy (`promisedDate`, `likelyDate`, `bufferDays`)",
    function: 'SalesApi',
  },

  {
    method: 'GET',
    path: '/v1/orders',
    audience: 'sales',
    operationId: 'listOrders',
    summary: 'List orders by status, risk or customer',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/v1/orders/{id}',
    audience: 'sales',
    operationId: 'getOrder',
    summary: 'One order with promise, timeline and notifications',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/promise',
    audience: 'sales',
    operationId: 'decidePromise',
    summary: 'Confirm or adjust a promise',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/cancel',
    audience: 'sales',
    operationId: 'cancelOrder',
    summary: 'Cancel an order at any stage',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/retry',
    audience: 'sales',
    operationId: 'retryOrder',
    summary: 'Re-drive an order that needs attention from its last stable point',
    function: 'SalesApi',
  },
  {
    method: 'PUT',
    path: '/v1/customers/{id}',
    audience: 'sales',
    operationId: 'putCustomer',
    summary: 'Create or replace a customer',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/v1/customers/{id}',
    audience: 'sales',
    operationId: 'getCustomer',
    summary: 'One customer',
    function: 'SalesApi',
  },

  {
    method: 'POST',
    path: '/v1/erp/events',
    audience: 'erp',
    operationId: 'postErpEvent',
    summary: 'Report a production event',
    function: 'ErpApi',
  },
  {
    method: 'PUT',
    path: '/v1/erp/products/{sku}',
    audience: 'erp',
    operationId: 'putProduct',
    summary: 'Create or replace a product (BOM, routing, lead time, price)',
    function: 'ErpApi',
  },
  {
    method: 'PUT',
    path: '/v1/erp/supply',
    audience: 'erp',
    operationId: 'putSupply',
    summary: 'Update stock, scheduled receipts, capacity and transit times',
    function: 'ErpApi',
  },

  // ERP reads of supply: GETs signed over their request line (shared/auth/hmac.ts requestLine).
  {
    method: 'GET',
    path: '/v1/erp/products',
    audience: 'erp',
    operationId: 'listProducts',
    summary: 'Products in SKU order, a page at a time (`nextCursor`)',
    function: 'ErpApi',
  },
  {
    method: 'GET',
    path: '/v1/erp/products/{sku}',
    audience: 'erp',
    operationId: 'getProduct',
    summary: 'A product exactly as PUT takes it (BOM, routing, lead time, price, lot rules)',
    function: 'ErpApi',
  },
  {
    method: 'GET',
    path: '/v1/erp/supply',
    audience: 'erp',
    operationId: 'getSupply',
    summary: "A SKU's stock, scheduled receipts, holds and cumulative ATP over the horizon",
    function: 'ErpApi',
  },
  {
    method: 'GET',
    path: '/v1/erp/work-centers',
    audience: 'erp',
    operationId: 'listWorkCenters',
    summary: 'Work centers with their capacity and the hours held per day, a page at a time',
    function: 'ErpApi',
  },

  {
    method: 'GET',
    path: '/v1/track/{token}',
    audience: 'customer',
    operationId: 'trackOrder',
    summary: "The order's timeline for its customer",
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/decision',
    audience: 'customer',
    operationId: 'decideQuote',
    summary: 'Accept or reject the quote',
    function: 'CustomerApi',
  },
  {
    method: 'PUT',
    path: '/v1/track/{token}/preferences',
    audience: 'customer',
    operationId: 'putPreferences',
    summary: 'Notification preferences and opt-out',
    function: 'CustomerApi',
  },
  {
    method: 'GET',
    path: '/v1/track/{token}/unsubscribe',
    audience: 'customer',
    operationId: 'unsubscribe',
    summary: 'The unsubscribe page of the link in every email (changes nothing; its button posts)',
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/unsubscribe',
    audience: 'customer',
    operationId: 'unsubscribeOneClick',
    summary: 'RFC 8058 one-click unsubscribe of the contact the email went to',
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/quote',
    audience: 'customer',
    operationId: 'decideQuoteForm',
    summary: 'Accept or reject the quote from the order page (HTML form, redirects to the page)',
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/new-quote',
    audience: 'customer',
    operationId: 'requestNewQuoteForm',
    summary: 'Ask for a new quote after one expired (HTML form; tells sales once)',
    function: 'CustomerApi',
  },
  {
    method: 'GET',
    path: '/v1/track/{token}/preferences',
    audience: 'customer',
    operationId: 'preferencesPage',
    summary: "The preference centre of the message's contact (HTML)",
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/preferences',
    audience: 'customer',
    operationId: 'savePreferencesForm',
    summary: 'Save the preference centre (HTML form, redirects to it)',
    function: 'CustomerApi',
  },
  {
    method: 'POST',
    path: '/v1/track/{token}/fresh-link',
    audience: 'public',
    operationId: 'requestFreshLink',
    summary: "Email a fresh link to an order's contacts when an old one ran out (same answer for any token)",
    function: 'CustomerApi',
  },

  {
    method: 'GET',
    path: '/console/login',
    audience: 'public',
    operationId: 'consoleLogin',
    summary: 'Sign in to the sales console (sets the session cookie from a sales token, then redirects)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/callback',
    audience: 'public',
    operationId: 'consoleCallback',
    summary: "Cognito managed login's way back (authorization code with PKCE): sets the session cookie",
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/console/logout',
    audience: 'console',
    operationId: 'consoleLogout',
    summary: 'Sign out of the sales console (clears the session cookie)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console',
    audience: 'console',
    operationId: 'consoleBoard',
    summary: 'The orders board, most urgent first, with filters and search (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/orders/{id}',
    audience: 'console',
    operationId: 'consoleOrder',
    summary: 'One order with its promise, why this date, timeline and notifications (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/queue',
    audience: 'console',
    operationId: 'consoleQueue',
    summary: 'Orders awaiting confirmation, nearest escalation first, with bulk confirm (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/console/queue',
    audience: 'console',
    operationId: 'consoleBulkConfirm',
    summary: 'Preview, then confirm, the ticked orders of the queue (HTML form)',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/console/orders/{id}/{action}',
    audience: 'console',
    operationId: 'consoleOrderAction',
    summary: 'Confirm, adjust, cancel or retry an order from its page (HTML form, redirects to it)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/quote',
    audience: 'console',
    operationId: 'consoleQuote',
    summary:
      'Quick quote: the date, split offers, basis and prices for a customer and lines, storing nothing (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/console/quote',
    audience: 'console',
    operationId: 'consoleQuoteCreate',
    summary: 'Turn a quick quote into an inquiry, once per form (HTML form, redirects to the order)',
    function: 'SalesApi',
  },

  // Customers (issue 13, item 6): the JSON list and merge patch, and the console's customer pages.
  {
    method: 'GET',
    path: '/v1/customers',
    audience: 'sales',
    operationId: 'listCustomers',
    summary: 'List customers by name; `q` finds part of an id or name (paged with a cursor)',
    function: 'SalesApi',
  },
  {
    method: 'PATCH',
    path: '/v1/customers/{id}',
    audience: 'sales',
    operationId: 'patchCustomer',
    summary: "Change part of a customer (JSON merge patch, contacts by id); a contact's own preferences stay",
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/customers',
    audience: 'console',
    operationId: 'consoleCustomers',
    summary: 'Customers with search and paging (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/customers/{id}',
    audience: 'console',
    operationId: 'consoleCustomer',
    summary:
      "One customer: contacts with their own preferences and opt-outs, and the customer's orders (HTML)",
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/customers/{id}/edit',
    audience: 'console',
    operationId: 'consoleCustomerEdit',
    summary: 'The edit form of a customer: tier, name, region, contacts (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'POST',
    path: '/console/customers/{id}',
    audience: 'console',
    operationId: 'consoleCustomerSave',
    summary: 'Save the edit form through the same use case as PATCH (HTML form, redirects to the customer)',
    function: 'SalesApi',
  },
  // Console supply pages.
  {
    method: 'GET',
    path: '/console/supply',
    audience: 'console',
    operationId: 'consoleSupply',
    summary: 'Products and work centers, a page of each at a time (HTML)',
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/products/{sku}',
    audience: 'console',
    operationId: 'consoleProduct',
    summary:
      "A product's BOM and routing, its availability as a chart, and the open orders that need it (HTML)",
    function: 'SalesApi',
  },
  {
    method: 'GET',
    path: '/console/work-centers/{id}',
    audience: 'console',
    operationId: 'consoleWorkCenter',
    summary: "A work center's capacity against held hours as a chart, and the open orders that use it (HTML)",
    function: 'SalesApi',
  },
];

/** API Gateway's route key, e.g. `POST /v1/orders/{id}/cancel`. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;
