/**
 * The local runtime is as strict as Lambda: a function sees only the environment its registry entry
 * gives it, signs with its own credentials, and the local AWS endpoints refuse what its `access`
 * does not grant, with the error IAM gives. Runs against the run's DynamoDB Local, the real SES
 * outbox and SMS sink, and a stand-in Step Functions endpoint.
 */
import http from 'node:http';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS, type FunctionDefinition } from '../../functions/handlers/registry.ts';
import { functionEnvironment } from '../../infra/access-policy.ts';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import { guardEndpoints, type LocalPolicy } from '../../infra/local/iam-proxy.ts';
import { createLambdaInvoker, LOCAL_FUNCTION_SECRET } from '../../infra/local/lambda-invoker.ts';
import { startSesOutbox } from '../../infra/local/ses-outbox.ts';
import { startSmsSink } from '../../infra/local/sms-sink.ts';
import { freshTable } from '../support/dynamo.ts';

const REGION = 'eu-west-1';
const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:order-fulfillment`;
const closers: (() => Promise<void>)[] = [];
let table: { endpoint: string; tableName: string };
let endpoints: Record<string, string>;

/** Answers every Step Functions call with an execution, so only the authorization is under test. */
async function fakeStepFunctions(): Promise<string> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify({ executionArn: `${STATE_MACHINE_ARN}:x`, startDate: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  table = await freshTable();
  const ses = await startSesOutbox({});
  const sms = await startSmsSink({});
  const sfn = await fakeStepFunctions();
  closers.push(ses.close, sms.close);
  const policy: LocalPolicy = {
    functions: ALL_FUNCTIONS,
    region: REGION,
    tableName: table.tableName,
    stateMachineArn: STATE_MACHINE_ARN,
  };
  const guarded = await guardEndpoints(
    { dynamodb: () => table.endpoint, states: () => sfn, ses: () => ses.url, 'sms-voice': () => sms.url },
    policy,
    () => undefined,
  );
  closers.push(guarded.close);
  endpoints = guarded.variables;
}, 60_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** The credentials the local invoker gives a function: its name as access key id. */
const as = (functionName: string) => ({
  region: REGION,
  credentials: { accessKeyId: functionName, secretAccessKey: LOCAL_FUNCTION_SECRET },
  maxAttempts: 1,
});
const item = { PK: { S: 'STRICT#1' }, SK: { S: 'STRICT' } };

describe('the local DynamoDB endpoint', () => {
  it('refuses a write from a function without table:write, as IAM does', async () => {
    const client = new DynamoDBClient({ ...as('PublicApi'), endpoint: endpoints.DYNAMODB_ENDPOINT });

    const attempt = client.send(new PutItemCommand({ TableName: table.tableName, Item: item }));

    await expect(attempt).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('not authorized to perform: dynamodb:PutItem'),
    });
  });

  it('lets the health check describe the table, the one thing table:describe allows', async () => {
    const client = new DynamoDBClient({ ...as('PublicApi'), endpoint: endpoints.DYNAMODB_ENDPOINT });

    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
  });

  it('forwards a granted write to DynamoDB Local, into the runtime’s own table', async () => {
    const client = new DynamoDBClient({ ...as('AlertOperators'), endpoint: endpoints.DYNAMODB_ENDPOINT });

    await client.send(new PutItemCommand({ TableName: table.tableName, Item: item }));

    const admin = new DynamoDBClient({
      region: REGION,
      endpoint: table.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { Item } = await admin.send(new GetItemCommand({ TableName: table.tableName, Key: item }));
    expect(Item).toEqual(item);
  });

  it('refuses a granted action on a table that is not the product’s', async () => {
    const client = new DynamoDBClient({ ...as('AlertOperators'), endpoint: endpoints.DYNAMODB_ENDPOINT });

    const attempt = client.send(new PutItemCommand({ TableName: 'someone-elses-table', Item: item }));

    await expect(attempt).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});

describe('the local Step Functions, SES and SMS endpoints', () => {
  it('refuse StartExecution to a function without sfn:start and allow it with', async () => {
    const refused = new SFNClient({ ...as('ComputeQuote'), endpoint: endpoints.SFN_ENDPOINT });
    const allowed = new SFNClient({ ...as('SalesApi'), endpoint: endpoints.SFN_ENDPOINT });
    const start = new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: 'o-1', input: '{}' });

    await expect(refused.send(start)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(allowed.send(start)).resolves.toMatchObject({ executionArn: `${STATE_MACHINE_ARN}:x` });
  });

  it('refuse an email from a function without ses:send', async () => {
    const client = new SESClient({ ...as('AwaitCallback'), endpoint: endpoints.SES_ENDPOINT });

    const attempt = client.send(
      new SendEmailCommand({
        Source: 'orders@example.com',
        Destination: { ToAddresses: ['buyer@example.com'] },
        Message: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } },
      }),
    );

    await expect(attempt).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuse an SMS from a function without sms:send and send one for a function with it', async () => {
    const send = new SendTextMessageCommand({ DestinationPhoneNumber: '+4915112345678', MessageBody: 'hi' });
    const refused = new PinpointSMSVoiceV2Client({ ...as('ComputeQuote'), endpoint: endpoints.SMS_ENDPOINT });
    const allowed = new PinpointSMSVoiceV2Client({ ...as('NotifyStep'), endpoint: endpoints.SMS_ENDPOINT });

    await expect(refused.send(send)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(allowed.send(send)).resolves.toHaveProperty('MessageId');
  });
});

describe('a local function', () => {
  const probe: FunctionDefinition = {
    entry: 'test/fixtures/functions/environment-probe.ts',
    access: ['sfn:callback'],
    settings: ['QUOTE_VALIDITY_SECONDS'],
    description: 'test probe',
  };
  const available = () => ({
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: endpoints.DYNAMODB_ENDPOINT,
    STATE_MACHINE_ARN,
    SFN_ENDPOINT: endpoints.SFN_ENDPOINT,
    QUOTE_VALIDITY_SECONDS: '60',
    ERP_SECRET: 'not for the probe',
    SALES_MANAGER_EMAIL: 'manager@example.com',
  });
  let invoker: ReturnType<typeof createLambdaInvoker>;
  beforeAll(() => {
    invoker = createLambdaInvoker({
      root: PROJECT_ROOT,
      region: REGION,
      available,
      functions: { ...ALL_FUNCTIONS, Probe: probe },
    });
  });
  afterAll(async () => {
    await invoker.close();
  });

  it('sees exactly its registry entry’s environment and what Lambda adds, in its own worker', async () => {
    const { environment } = (await invoker.invoke('Probe', {})) as { environment: Record<string, string> };

    expect(environment).toEqual({
      ...functionEnvironment(probe, { ...available(), POWERTOOLS_SERVICE_NAME: 'promise-keeper-Probe' }),
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'Probe',
      AWS_SECRET_ACCESS_KEY: LOCAL_FUNCTION_SECRET,
      AWS_LAMBDA_FUNCTION_NAME: 'promise-keeper-Probe',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    });
    expect(environment).not.toHaveProperty('ERP_SECRET');
    expect(environment).not.toHaveProperty('TABLE_NAME');
    expect(environment).toMatchObject({ STATE_MACHINE_ARN, QUOTE_VALIDITY_SECONDS: '60' });
  }, 120_000);

  it('is refused by DynamoDB when it reads items its access does not cover', async () => {
    // The probe runs as PublicApi (table:describe only): it gets the table's name, not its items.
    const asPublicApi = createLambdaInvoker({
      root: PROJECT_ROOT,
      region: REGION,
      available,
      functions: { PublicApi: { ...probe, access: ALL_FUNCTIONS.PublicApi!.access } },
    });
    try {
      const { tableRead, environment } = (await asPublicApi.invoke('PublicApi', { readTable: true })) as {
        tableRead: string;
        environment: Record<string, string>;
      };

      expect(environment.TABLE_NAME).toBe(table.tableName);
      expect(tableRead).toBe('AccessDeniedException');
    } finally {
      await asPublicApi.close();
    }
  }, 120_000);
});
