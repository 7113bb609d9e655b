import http from 'node:http';
import { verifySignature } from '../../functions/shared/auth/hmac.ts';
import { freePort } from './ports.ts';

/**
 * Stands in for the ERP's webhook: keeps the status requests the product sends when a stage misses
 * its deadline (`GET /store`), and checks each one's signature as the ERP would.
 */
export async function startErpInbox(options: { secret: () => string }) {
  const port = await freePort();
  const requests: { receivedAt: string; signatureValid: boolean; body: unknown }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/store') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ requests }));
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let signatureValid = true;
      try {
        verifySignature(request.headers['x-signature'] as string | undefined, raw, options.secret());
      } catch {
        signatureValid = false;
      }
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Kept as text.
      }
      requests.push({ receivedAt: new Date().toISOString(), signatureValid, body });
      response.writeHead(signatureValid ? 202 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accepted: signatureValid }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    storeUrl: `${url}/store`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
