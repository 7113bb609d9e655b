import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_FUNCTIONS } from '../../functions/handlers/registry.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
const loaded = new Map<string, Promise<Handler>>();

/** The local ARN of a function: what `${<Name>FunctionArn}` becomes in the local workflow. */
export const localFunctionArn = (name: string, region: string) =>
  `arn:aws:lambda:${region}:000000000000:function:promise-keeper-${name}`;

/** A context shaped like Lambda's, for handlers and Powertools. */
function lambdaContext(name: string) {
  return {
    functionName: `promise-keeper-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(name, process.env.AWS_REGION ?? 'eu-west-1'),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/promise-keeper-${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Runs the same handler modules the cloud runs, in this process. `loseFirstResponse` names
 * functions whose first invocation completes but whose response is "lost" (a Lambda.ServiceException),
 * so tests can prove a retried task does nothing twice.
 */
export function createLambdaInvoker(options: { root: string; loseFirstResponse?: readonly string[] }) {
  const lost = new Set<string>();
  const handlerFor = (name: string): Promise<Handler> => {
    let handler = loaded.get(name);
    if (!handler) {
      const definition = ALL_FUNCTIONS[name];
      if (!definition) throw new Error(`No function named ${name} in functions/handlers/registry.ts`);
      handler = import(pathToFileURL(path.join(options.root, definition.entry)).href).then(
        (module: { handler: Handler }) => module.handler,
      );
      loaded.set(name, handler);
    }
    return handler;
  };
  const invoke = async (name: string, event: unknown): Promise<unknown> => {
    const result = await (await handlerFor(name))(event, lambdaContext(name));
    if (options.loseFirstResponse?.includes(name) && !lost.has(name)) {
      lost.add(name);
      throw Object.assign(new Error('Simulated lost response after the function ran'), {
        name: 'Lambda.ServiceException',
      });
    }
    return result;
  };
  /** For the Step Functions emulator: resolves `FunctionName` (an ARN) to a registry name. */
  const invokeByArn = (functionArn: string, payload: unknown) =>
    invoke(functionArn.split(':').pop()!.replace('promise-keeper-', ''), payload);
  return { invoke, invokeByArn };
}
