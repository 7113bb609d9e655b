import http from 'node:http';
import path from 'node:path';
import { verifySignature } from '../../functions/shared/auth/hmac.ts';
import { openJournal } from './journal.ts';
import { freePort } from './ports.ts';

interface ErpRequest {
  receivedAt: string;
  signatureValid: boolean;
  body: unknown;
}

/**
 * Stands in for the ERP's webhook: keeps the status requests the product sends when a stage misses
 * its deadline (`GET /store`), and checks each one's signature as the ERP would.
 */
export async function startErpInbox(options: {
  secret: () => string;
  /** Keep the requests in `erp-inbox.jsonl` here, across restarts. */
  dataDir?: string;
}) {
  const port = await freePort();
  const journal = openJournal<ErpRequest>(
    options.dataDir ? path.join(options.dataDir, 'erp-inbox.jsonl') : undefined,
  );
  const requests = journal.load();
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
      const received = { receivedAt: new Date().toISOString(), signatureValid, body };
      requests.push(received);
      journal.append(received);
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
