/**
 * One local Lambda function: runs in its own worker thread, whose `process.env` is exactly the
 * function's environment (lambda-invoker.ts), so a handler sees what it would see in Lambda. Loads
 * the handler module once (a warm instance) and answers invocations by id.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerSetup {
  readonly moduleUrl: string;
  readonly functionName: string;
  readonly functionArn: string;
  /** Lambda's timeout for this function, for `getRemainingTimeInMillis`. */
  readonly timeoutMs: number;
}
export type InvocationRequest = { readonly id: number; readonly event: unknown };
export type InvocationReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { name: string; message: string; stack?: string } };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
const setup = workerData as WorkerSetup;
const { handler } = (await import(setup.moduleUrl)) as { handler: Handler };

/** A context shaped like Lambda's, for handlers and Powertools. */
function lambdaContext() {
  const deadline = Date.now() + setup.timeoutMs;
  return {
    functionName: setup.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: setup.functionArn,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${setup.functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

parentPort!.on('message', (request: InvocationRequest) => {
  void (async () => {
    try {
      const result = await handler(request.event, lambdaContext());
      // Lambda returns JSON: whatever does not survive serialisation does not reach the caller.
      const reply: InvocationReply = {
        id: request.id,
        result: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown),
      };
      parentPort!.postMessage(reply);
    } catch (error) {
      const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({ id: request.id, error: { name, message, stack } } satisfies InvocationReply);
    }
  })();
});
