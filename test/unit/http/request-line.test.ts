import { describe, expect, it } from 'vitest';
import { canonicalQuery, requestLine, signedContent } from '../../../functions/shared/auth/hmac.ts';
import { erpRequestLine } from '../../../infra/local/api-client.ts';

describe('the request line a GET signs', () => {
  it('sorts the query by name, then value, and encodes it as RFC 3986 says', () => {
    expect(canonicalQuery('sku=B&limit=2&sku=A&note=a+b%20c*')).toBe('limit=2&note=a%20b%20c%2A&sku=A&sku=B');
  });

  it('binds the method and the path as sent', () => {
    expect(requestLine('get', '/v1/erp/products/PUMP-100', '')).toBe('GET /v1/erp/products/PUMP-100');
    expect(requestLine('GET', '/v1/erp/supply', 'sku=VALVE%3A10')).toBe('GET /v1/erp/supply?sku=VALVE%3A10');
  });

  it('signs the body of a POST or PUT as before, and the request line only for a GET', () => {
    expect(signedContent('PUT', '/v1/erp/supply', '', '{"stock":[]}')).toBe('{"stock":[]}');
    expect(signedContent('GET', '/v1/erp/supply', 'sku=X', '')).toBe('GET /v1/erp/supply?sku=X');
  });

  it.each([
    '/v1/erp/supply?sku=A:B',
    '/v1/erp/products?cursor=eyJQSyI6IlBST0RVQ1QjQSJ9&limit=25',
    '/v1/erp/products?limit=25&limit=3&z=%E2%9C%93&a=(x)',
    '/v1/erp/products/KIT.1_a-b',
  ])('the local client signs %s exactly as the server checks it', (path) => {
    const url = new URL(path, 'http://127.0.0.1:3000');

    expect(erpRequestLine('GET', url)).toBe(requestLine('GET', url.pathname, url.search.slice(1)));
  });
});
