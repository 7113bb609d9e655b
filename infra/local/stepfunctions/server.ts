import http from 'node:http';
import { assertPortFree } from '../ports.ts';
import { SfnApiError } from './errors.ts';
import type { LocalStepFunctions } from './service.ts';

const OPERATIONS = [
  'StartExecution',
  'DescribeExecution',
  'GetExecutionHistory',
  'ListExecutions',
  'StopExecution',
  'SendTaskSuccess',
  'SendTaskFailure',
  'SendTaskHeartbeat',
  'DescribeStateMachine',
  'ListStateMachines',
] as const;
type Operation = (typeof OPERATIONS)[number];

const method = (operation: Operation) =>
  (operation.charAt(0).toLowerCase() + operation.slice(1)) as Uncapitalize<Operation>;

/** Dates go on the wire as epoch seconds, as the awsJson1_0 protocol has them. */
function serialize(value: unknown): string {
  return JSON.stringify(value, function (key, inner) {
    const original = (this as Record<string, unknown>)[key];
    return original instanceof Date ? original.getTime() / 1000 : inner;
  });
}

/**
 * A loopback endpoint speaking the Step Functions JSON 1.0 protocol (`X-Amz-Target:
 * AWSStepFunctions.<Operation>`), so the unchanged @aws-sdk/client-sfn works with `endpoint` set.
 */
export async function startStepFunctionsServer(options: { service: LocalStepFunctions; port?: number }) {
  if (options.port) await assertPortFree(options.port, 'the Step Functions endpoint');
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.replace(/^AWSStepFunctions\./, '') as Operation;
      let status = 200;
      let body: string;
      try {
        if (!OPERATIONS.includes(operation))
          throw new SfnApiError('UnknownOperationException', `Unknown operation ${target}`);
        const input = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {};
        const handler = options.service[method(operation)] as (
          this: LocalStepFunctions,
          input: Record<string, unknown>,
        ) => unknown;
        body = serialize(handler.call(options.service, input));
      } catch (error) {
        const known = error instanceof SfnApiError;
        status = known ? 400 : 500;
        body = JSON.stringify({
          __type: known ? error.code : 'InternalFailure',
          message: (error as Error).message,
        });
        if (!known) console.error('Step Functions endpoint failed', error);
      }
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': crypto.randomUUID(),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
