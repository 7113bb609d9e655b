import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ROUTES, routeKey, type RouteDefinition } from '../../functions/handlers/api/routes.ts';
import { bearerToken, verifySalesToken } from '../../functions/shared/auth/jwt.ts';
import { assertPortFree } from './ports.ts';

const compiled = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

function match(
  method: string,
  pathname: string,
): { route?: RouteDefinition; params?: Record<string, string>; allowed: string[] } {
  const candidates = compiled
    .map(({ route, pattern }) => ({ route, found: pattern.exec(pathname) }))
    .filter(({ found }) => found);
  const hit = candidates.find(({ route }) => route.method === method);
  const params = hit?.found?.groups
    ? Object.fromEntries(
        Object.entries(hit.found.groups).map(([key, value]) => [key, decodeURIComponent(value)]),
      )
    : undefined;
  return {
    ...(hit ? { route: hit.route } : {}),
    ...(params ? { params } : {}),
    allowed: candidates.map(({ route }) => route.method),
  };
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * API Gateway on one machine: requests become HTTP API (payload 2.0) events for the same audience
 * functions the cloud routes to, after the same JWT check the gateway's authorizer makes on sales
 * routes. Also serves the local JWKS that sales tokens are verified against.
 */
export async function startApiServer(options: {
  port: number;
  invoke: (functionName: string, event: APIGatewayProxyEventV2) => Promise<unknown>;
  jwks: unknown;
}) {
  if (options.port) await assertPortFree(options.port, 'the API');
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const write = (
        status: number,
        body: string,
        headers: Record<string, string> = { 'content-type': 'application/json' },
      ) => {
        response.writeHead(status, headers);
        response.end(body);
      };
      try {
        const url = new URL(request.url ?? '/', 'http://local');
        if (url.pathname === '/.well-known/jwks.json') return write(200, JSON.stringify(options.jwks));
        const method = request.method ?? 'GET';
        // A path whose percent-encoding is broken (`%E0%A4%A`) names no resource: 400, not a crash.
        if (!isDecodable(url.pathname))
          return write(
            400,
            JSON.stringify({ message: 'Bad Request: malformed percent-encoding in the path' }),
          );
        const { route, params, allowed } = match(method, url.pathname);
        if (!route)
          return allowed.length
            ? write(405, JSON.stringify({ message: 'Method Not Allowed' }), {
                'content-type': 'application/json',
                allow: allowed.join(', '),
              })
            : write(404, JSON.stringify({ message: 'Not Found' }));
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([key, value]) => [
            key.toLowerCase(),
            Array.isArray(value) ? value.join(',') : (value ?? ''),
          ]),
        );
        let claims: Record<string, unknown> | undefined;
        if (route.audience === 'sales') {
          // What API Gateway's JWT authorizer does before the function is called.
          const token = bearerToken(headers.authorization);
          try {
            if (!token) throw new Error('no token');
            claims = (await verifySalesToken(token)) as Record<string, unknown>;
          } catch {
            return write(401, JSON.stringify({ message: 'Unauthorized' }), {
              'content-type': 'application/json',
              'www-authenticate': 'Bearer',
            });
          }
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const now = new Date();
        const event: APIGatewayProxyEventV2 = {
          version: '2.0',
          routeKey: routeKey(route),
          rawPath: url.pathname,
          rawQueryString: url.search.slice(1),
          headers,
          ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
          ...(params ? { pathParameters: params } : {}),
          requestContext: {
            accountId: '000000000000',
            apiId: 'local',
            domainName: headers.host ?? 'localhost',
            domainPrefix: 'local',
            http: {
              method,
              path: url.pathname,
              protocol: 'HTTP/1.1',
              sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
              userAgent: headers['user-agent'] ?? '',
            },
            requestId: randomUUID(),
            routeKey: routeKey(route),
            stage: '$default',
            time: now.toUTCString(),
            timeEpoch: now.getTime(),
            ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
          } as APIGatewayProxyEventV2['requestContext'],
          ...(body ? { body } : {}),
          isBase64Encoded: false,
        };
        const result = (await options.invoke(route.function, event)) as APIGatewayProxyStructuredResultV2;
        write(
          result.statusCode ?? 200,
          result.body ?? '',
          Object.fromEntries(
            Object.entries(result.headers ?? {}).map(([key, value]) => [key, String(value)]),
          ),
        );
      } catch (error) {
        console.error('Local API server error:', error);
        write(500, JSON.stringify({ message: 'Internal Server Error' }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
