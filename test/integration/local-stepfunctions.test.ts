import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LocalStepFunctions,
  loadDefinition,
  startStepFunctionsServer,
} from '../../infra/local/stepfunctions/index.ts';
import { waitFor } from '../../infra/local/api-client.ts';

/** In-process "Lambdas" of the fixtures: the register function remembers the token it was given. */
const tokens = new Map<string, string>();
let flakyCalls = 0;
const lambdas: Record<string, (payload: Record<string, unknown>) => Promise<unknown>> = {
  register: async (payload) => {
    tokens.set(String(payload.orderId ?? 'heartbeat'), String(payload.taskToken));
    return { registered: true };
  },
  flaky: async (payload) => {
    flakyCalls += 1;
    if (payload.mode === 'expired')
      throw Object.assign(new Error('quote is over'), { name: 'QuoteExpiredError' });
    if (flakyCalls === 1) throw Object.assign(new Error('try again'), { name: 'TransientError' });
    return { value: flakyCalls };
  },
};

let sfn: SFNClient;
let close: () => Promise<void>;
let service: LocalStepFunctions;
const arn = (name: string) => service.stateMachineArn(name);

beforeAll(async () => {
  const substitutions = { RegisterFunctionArn: 'local:register', FlakyFunctionArn: 'local:flaky' };
  service = new LocalStepFunctions({
    stateMachines: await Promise.all(
      ['callback', 'heartbeat', 'retry'].map(async (name) => ({
        name,
        definition: await loadDefinition(`test/fixtures/asl/${name}.asl.json`, substitutions),
      })),
    ),
    invokeLambda: (functionName, payload) =>
      lambdas[functionName.replace('local:', '')]!(payload as Record<string, unknown>),
  });
  const server = await startStepFunctionsServer({ service });
  close = server.close;
  sfn = new SFNClient({
    endpoint: server.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  service.shutdown();
  await close();
});

async function startCallback(orderId: string, timeoutSeconds = 30) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arn('callback'),
      name: orderId,
      input: JSON.stringify({ orderId, timeoutSeconds }),
    }),
  );
  const token = await waitFor(`token of ${orderId}`, async () => tokens.get(orderId));
  return { executionArn: executionArn!, token };
}

async function finished(executionArn: string) {
  return waitFor(`end of ${executionArn}`, async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status !== 'RUNNING' && execution;
  });
}

describe('the local Step Functions endpoint, through @aws-sdk/client-sfn', () => {
  it('resumes a callback task with SendTaskSuccess and uses the output as the task result', async () => {
    const { executionArn, token } = await startCallback('order-success');
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'accept' }) }),
    );
    const execution = await finished(executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toMatchObject({
      orderId: 'order-success',
      decision: { decision: 'accept' },
    });
  });

  it('fails a callback task with SendTaskFailure into the Catch for that error name', async () => {
    const { executionArn, token } = await startCallback('order-cancel');
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'OrderCancelled', cause: 'customer called' }),
    );
    const execution = await finished(executionArn);
    expect(JSON.parse(execution.output!)).toMatchObject({
      outcome: 'cancelled',
      error: { Error: 'OrderCancelled', Cause: 'customer called' },
    });
  });

  it('times a callback task out into States.Timeout, after which its token answers TaskTimedOut', async () => {
    const { executionArn, token } = await startCallback('order-timeout', 1);
    const execution = await finished(executionArn);
    expect(JSON.parse(execution.output!)).toMatchObject({
      outcome: 'timed out',
      error: { Error: 'States.Timeout' },
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('fails a task whose heartbeat stops, and keeps it alive while heartbeats come', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn('heartbeat'), name: 'beats' }),
    );
    const token = await waitFor('heartbeat token', async () => tokens.get('heartbeat'));
    for (let beat = 0; beat < 3; beat += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    const execution = await finished(executionArn!);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('treats a repeated StartExecution with the same name and input as the same execution', async () => {
    const input = JSON.stringify({ orderId: 'order-repeat', timeoutSeconds: 30 });
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn('callback'), name: 'order-repeat', input }),
    );
    const second = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn('callback'), name: 'order-repeat', input }),
    );
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate).toEqual(first.startDate);
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: arn('callback'),
          name: 'order-repeat',
          input: '{"orderId":"other"}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('rejects an unknown token with TaskDoesNotExist and a malformed one with InvalidToken', async () => {
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'A'.repeat(64), output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not a token', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('retries a lambda:invoke error by its class name, then returns the real Payload shape', async () => {
    flakyCalls = 0;
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn('retry'), input: '{}' }),
    );
    const execution = await finished(executionArn!);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ value: 2 });
  });

  it('catches a lambda:invoke error by its class name with the AWS Cause', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn('retry'), input: '{"mode":"expired"}' }),
    );
    const output = JSON.parse((await finished(executionArn!)).output!);
    expect(output.outcome).toBe('expired');
    expect(JSON.parse(output.error.Cause)).toMatchObject({
      errorType: 'QuoteExpiredError',
      errorMessage: 'quote is over',
    });
  });

  it('stops an execution, after which its waiting token is closed', async () => {
    const { executionArn, token } = await startCallback('order-stop');
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect((await finished(executionArn)).status).toBe('ABORTED');
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('lists executions by status and returns their history in AWS shapes', async () => {
    const { executionArn, token } = await startCallback('order-history');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"reject"}' }));
    await finished(executionArn);
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: arn('callback'), statusFilter: 'SUCCEEDED' }),
    );
    expect(executions?.map((execution) => execution.name)).toContain('order-history');
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.[0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted' });
    expect(events?.map((event) => event.type)).toEqual(
      expect.arrayContaining(['TaskStateEntered', 'TaskStateExited', 'ExecutionSucceeded']),
    );
    expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${arn('callback').replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
