import { createHmac, randomBytes } from 'node:crypto';

/** What `npm start` prints and writes to .local/session.json. */
export interface LocalSession {
  readonly apiUrl: string;
  readonly salesToken: string;
  readonly erpSecret: string;
  readonly mailOutboxUrl: string;
  readonly smsOutboxUrl: string;
  /** Status requests the product sent to the ERP's webhook. */
  readonly erpInboxUrl?: string;
}

export interface ApiResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * The ERP's signature: HMAC-SHA256 over `timestamp.nonce.rawBody`, sent as `X-Signature: t=..,n=..,v1=..`
 * (with `nonce: null`, over `timestamp.rawBody` and without `n=`). A GET signs its request line
 * (erpRequestLine) in place of the body.
 */
export function erpSignature(
  secret: string,
  rawBody: string,
  timestamp = Math.floor(Date.now() / 1000),
  // A fresh nonce per request: a signature is single-use, and a retry may come within the second.
  nonce: string | null = randomBytes(12).toString('base64url'),
): string {
  const signed = nonce === null ? `${timestamp}.${rawBody}` : `${timestamp}.${nonce}.${rawBody}`;
  const digest = createHmac('sha256', secret).update(signed).digest('hex');
  return nonce === null ? `t=${timestamp},v1=${digest}` : `t=${timestamp},n=${nonce},v1=${digest}`;
}

/**
 * What an ERP signs for a GET (it has no body): `GET <path as sent>[?<query>]`, the query's pairs
 * strictly percent-encoded (RFC 3986) and sorted by name, then value. POST and PUT sign the body.
 */
export function erpRequestLine(method: string, url: URL): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(
      /[!'()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const pairs = [...url.searchParams]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort((a, b) => {
      const [nameA = '', valueA = ''] = a.split('=');
      const [nameB = '', valueB = ''] = b.split('=');
      return nameA === nameB ? (valueA < valueB ? -1 : 1) : nameA < nameB ? -1 : 1;
    });
  return `${method.toUpperCase()} ${url.pathname}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/** A small client for the product's HTTP API, speaking as sales, the ERP or a customer. */
export class ApiClient {
  constructor(private readonly session: Pick<LocalSession, 'apiUrl' | 'salesToken' | 'erpSecret'>) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResult<T>> {
    const rawBody = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await fetch(new URL(path, this.session.apiUrl), {
      method,
      headers: { ...(rawBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(rawBody ? { body: rawBody } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON: keep the text so the caller can show it.
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  sales<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return this.request<T>(method, path, {
      body,
      headers: { authorization: `Bearer ${this.session.salesToken}`, ...headers },
    });
  }

  erp<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const rawBody = body === undefined ? '' : JSON.stringify(body);
    const signed =
      method.toUpperCase() === 'GET' ? erpRequestLine(method, new URL(path, this.session.apiUrl)) : rawBody;
    return this.request<T>(method, path, {
      body,
      headers: { 'x-signature': erpSignature(this.session.erpSecret, signed), ...headers },
    });
  }

  /** A customer request through the tracking link's path (the token is the credential). */
  customer<T = Record<string, unknown>>(method: string, trackingPath: string, body?: unknown) {
    return this.request<T>(method, trackingPath, { body });
  }
}

/** Polls `check` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
