import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ALL_FUNCTIONS, STEP_FUNCTIONS } from '../../functions/handlers/registry.ts';
import { ApiClient, waitFor, type LocalSession } from './api-client.ts';
import { startApiServer } from './api-server.ts';
import { createDevIdentity, LOCAL_AUDIENCE, LOCAL_ISSUER } from './dev-tokens.ts';
import { LOCAL_REGION, startSupervisedDynamoDbLocal } from './dynamodb-local.ts';
import { guardEndpoints } from './iam-proxy.ts';
import { createLambdaInvoker, localFunctionArn } from './lambda-invoker.ts';
import { startErpInbox } from './erp-inbox.ts';
import { assertPortFree, reservePort } from './ports.ts';
import { seedIfEmpty } from './seed.ts';
import { sesFeedbackEvent, sesSendEvent, startSesOutbox } from './ses-outbox.ts';
import { asyncInvoker } from './async-invoke.ts';
import { inboundSmsEvent, smsQueuedEvent, smsReceiptEvent, startSmsSink } from './sms-sink.ts';
import { LocalStepFunctions, loadDefinition, startStepFunctionsServer } from './stepfunctions/index.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TABLE_NAME = 'promise-keeper';
export const STATE_MACHINE_NAME = 'order-fulfillment';

export interface LocalRuntimeOptions {
  /** API port; 0 picks a free one. */
  readonly port?: number;
  /** Keep DynamoDB data, running workflows, the outboxes and the local keys here, across restarts. */
  readonly dataDir?: string;
  readonly seed?: boolean;
  readonly log?: (line: string) => void;
  /** The runtime cannot go on (DynamoDB Local died with in-memory data). @default prints the message */
  readonly onFatal?: (message: string) => void;
}

export interface LocalRuntime extends LocalSession {
  readonly stepFunctionsEndpoint: string;
  readonly dynamoEndpoint: string;
  stop(): Promise<void>;
}

/** Settings the handlers read, with demo-friendly durations; anything already in the environment wins. */
function setDefaults(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) if (!process.env[key]) process.env[key] = value;
}

async function localSecrets(dataDir?: string): Promise<{ erpSecret: string; trackingSecret: string }> {
  const fresh = {
    erpSecret: randomBytes(32).toString('hex'),
    trackingSecret: randomBytes(32).toString('hex'),
  };
  if (!dataDir) return fresh;
  // Kept with the data, so tracking links and the ERP's key survive a restart.
  const file = path.join(dataDir, 'local-secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as typeof fresh;
  } catch {
    await writeFile(file, JSON.stringify(fresh), { mode: 0o600 });
    return fresh;
  }
}

/**
 * The whole product on one machine: DynamoDB Local (a Java child process), the Step Functions
 * endpoint running the same ASL, the API server, the SES outbox and the SMS sink, with the same
 * handler modules as the cloud invoked in this process. Only endpoints and credentials differ.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of stops.reverse())
      await close().catch((error: Error) => console.error('While stopping:', error.message));
  };
  try {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    // A busy API port is reported before DynamoDB Local and the rest start.
    if (options.port) await assertPortFree(options.port, 'the API');
    // Without a requested port, one is held from now on: links and the JWKS URL name it long
    // before the API server binds it.
    const reserved = options.port ? undefined : await reservePort();
    if (reserved) stops.push(reserved.release);
    const apiPort = options.port || reserved!.port;
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const identity = await createDevIdentity(options.dataDir ? { dataDir: options.dataDir } : {});
    const secrets = await localSecrets(options.dataDir);

    // Each function runs in its own worker with only its own environment (see lambda-invoker.ts).
    const invoker = createLambdaInvoker({
      root: ROOT,
      region: LOCAL_REGION,
      available: () => process.env,
      loseFirstResponse: (process.env.LOCAL_LOSE_FIRST_RESPONSE ?? '').split(',').filter(Boolean),
    });
    stops.push(invoker.close);
    // The functions start-up calls are bundled while the JVM boots.
    invoker.prebuild(['ErpApi', 'SalesApi', 'PublicApi', 'NotificationSweeper']);

    log('starting DynamoDB Local');
    const dynamo = await startSupervisedDynamoDbLocal({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      tableName: TABLE_NAME,
      warn: (message) => console.error(`\n!!! ${message}\n`),
      onLost: options.onFatal ?? ((message) => console.error(message)),
    });
    stops.push(dynamo.stop);

    // Provider events reach their functions as SNS does in the cloud: asynchronously, and retried
    // by Lambda twice (about one, then two minutes later) when the function fails.
    const publish = asyncInvoker(invoker.invoke, stops);
    const ses = await startSesOutbox({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      onFeedback: async (feedback) => publish('EmailEvents', sesFeedbackEvent(feedback)),
      onSend: async (send) => publish('EmailEvents', sesSendEvent(send)),
    });
    stops.push(ses.close);
    const sms = await startSmsSink({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      // Answered only once the function ran: the inbound and receipt simulators are test tools.
      onInbound: async (from, body) => void (await invoker.invoke('SmsEvents', inboundSmsEvent(from, body))),
      onReceipt: async (messageId, status, context) =>
        void (await invoker.invoke('SmsEvents', smsReceiptEvent(messageId, status, context))),
      onQueued: async (message) => publish('SmsEvents', smsQueuedEvent(message)),
    });
    stops.push(sms.close);

    const erpInbox = await startErpInbox({
      secret: () => process.env.ERP_SECRET ?? secrets.erpSecret,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
    stops.push(erpInbox.close);

    const substitutions = Object.fromEntries(
      Object.keys(STEP_FUNCTIONS).map((name) => [`${name}FunctionArn`, localFunctionArn(name, LOCAL_REGION)]),
    );
    const definition = await loadDefinition(
      path.join(ROOT, 'workflows/order-fulfillment.asl.json'),
      substitutions,
    );
    const stepFunctions = new LocalStepFunctions({
      region: LOCAL_REGION,
      stateMachines: [{ name: STATE_MACHINE_NAME, definition }],
      invokeLambda: invoker.invokeByArn,
      onError: (message, error) => console.error(message, error),
      // Executions are kept with the data, so open orders continue after a restart.
      ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'stepfunctions') } : {}),
    });
    const sfnServer = await startStepFunctionsServer({ service: stepFunctions });
    stops.push(async () => {
      stepFunctions.shutdown();
      await sfnServer.close();
    });
    const guarded = await guardEndpoints(
      {
        dynamodb: dynamo.endpoint,
        states: () => sfnServer.endpoint,
        ses: () => ses.url,
        'sms-voice': () => sms.url,
      },
      {
        functions: ALL_FUNCTIONS,
        region: LOCAL_REGION,
        tableName: TABLE_NAME,
        stateMachineArn: stepFunctions.stateMachineArn(STATE_MACHINE_NAME),
      },
      (functionName, action) =>
        console.error(`Refused: ${functionName} may not call ${action} (not in its registry access)`),
    );
    stops.push(guarded.close);

    setDefaults({
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME,
      ...guarded.variables,
      STATE_MACHINE_ARN: stepFunctions.stateMachineArn(STATE_MACHINE_NAME),
      SENDER_EMAIL: 'orders@example.com',
      SALES_MANAGER_EMAIL: 'sales.manager@example.com',
      OPERATIONS_EMAIL: 'operations@example.com',
      PUBLIC_BASE_URL: apiUrl,
      ERP_SECRET: secrets.erpSecret,
      ERP_WEBHOOK_URL: erpInbox.url,
      TRACKING_SECRET: secrets.trackingSecret,
      JWT_ISSUER: LOCAL_ISSUER,
      JWT_AUDIENCE: LOCAL_AUDIENCE,
      JWT_JWKS_URL: `${apiUrl}/.well-known/jwks.json`,
      QUOTE_VALIDITY_SECONDS: String(7 * 86_400),
      SALES_ESCALATION_SECONDS: String(3600),
      OVERDUE_RECHECK_SECONDS: String(3600),
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_SERVICE_NAME: 'promise-keeper-local',
    });

    await reserved?.release();
    const api = await startApiServer({
      port: apiPort,
      jwks: identity.jwks,
      invoke: (functionName, event: APIGatewayProxyEventV2) => invoker.invoke(functionName, event),
    });
    stops.push(api.close);

    // Callback tokens were registered when the executions were loaded, so requests that answer a
    // wait are taken from the first moment; the executions re-enter their states from here on.
    const resuming = stepFunctions.resume();
    if (resuming.count) {
      const since = Date.now();
      log(`resuming ${resuming.count} running workflow execution(s)`);
      void resuming.done.then(() =>
        log(`resumed ${resuming.count} running workflow execution(s) in ${Date.now() - since} ms`),
      );
    }

    // EventBridge runs the sweeper on a schedule in the cloud; locally a timer does.
    let sweeping = true;
    const sweep = async () => {
      while (sweeping) {
        await invoker
          .invoke('NotificationSweeper', {})
          .catch((error: Error) => console.error('Sweeper:', error.message));
        await invoker
          .invoke('StrandedInquiries', {})
          .catch((error: Error) => console.error('Stranded inquiries:', error.message));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    void sweep();
    stops.push(async () => void (sweeping = false));

    const session: LocalSession = {
      apiUrl,
      salesToken: await identity.sign({ sub: 'local-sales-user', name: 'Local Sales' }),
      erpSecret: process.env.ERP_SECRET ?? secrets.erpSecret,
      mailOutboxUrl: ses.storeUrl,
      smsOutboxUrl: sms.storeUrl,
      erpInboxUrl: erpInbox.storeUrl,
    };
    if (options.seed !== false) {
      const seeded = await seedIfEmpty({
        api: new ApiClient(session),
        dynamoEndpoint: dynamo.endpoint(),
        tableName: TABLE_NAME,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      });
      log(seeded ? 'seeded the demo catalogue' : 'kept the stored data (seeding only an empty store)');
    }
    // Ready means healthy: the first health check also starts PublicApi's worker (a cold start).
    await waitFor('the API to report healthy', async () =>
      (await new ApiClient(session).request('GET', '/v1/health')).status === 200 ? true : undefined,
    );
    return {
      ...session,
      stepFunctionsEndpoint: sfnServer.endpoint,
      dynamoEndpoint: guarded.variables.DYNAMODB_ENDPOINT!,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
