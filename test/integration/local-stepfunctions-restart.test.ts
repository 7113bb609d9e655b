import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { LocalStepFunctions, type AslDefinition } from '../../infra/local/stepfunctions/index.ts';

/**
 * The emulator with a data directory, "restarted" by shutting one instance down and opening a
 * second on the same directory, as `npm start` does after Ctrl-C or a crash.
 */
const definition: AslDefinition = {
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'prepare', 'Payload.$': '$' },
      ResultPath: '$.prepared',
      ResultSelector: { 'calls.$': '$.Payload.calls' },
      Next: 'Wait',
    },
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'register', Payload: { 'id.$': '$.id', 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.timeoutSeconds',
      ResultPath: '$.decision',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
      Next: 'Stamp',
    },
    Stamp: {
      Type: 'Pass',
      Parameters: {
        'startedAt.$': '$$.Execution.StartTime',
        'input.$': '$$.Execution.Input',
        'decision.$': '$.decision',
      },
      End: true,
    },
    TimedOut: { Type: 'Pass', Result: 'timed out', ResultPath: '$.outcome', End: true },
  },
};

interface Fixture {
  tokens: Map<string, string>;
  registrations: Map<string, number>;
  prepareCalls: number;
  /** While set, `prepare` never returns (the process "dies" inside the task). */
  hangPrepare: boolean;
}

const open: LocalStepFunctions[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.shutdown();
});

function startService(dataDir: string, fixture: Fixture): LocalStepFunctions {
  const service = new LocalStepFunctions({
    dataDir,
    stateMachines: [{ name: 'restartable', definition }],
    invokeLambda: async (name, payload) => {
      const input = payload as { id: string; taskToken: string };
      if (name === 'prepare') {
        fixture.prepareCalls += 1;
        if (fixture.hangPrepare) return new Promise(() => undefined);
        return { calls: fixture.prepareCalls };
      }
      fixture.tokens.set(input.id, input.taskToken);
      fixture.registrations.set(input.id, (fixture.registrations.get(input.id) ?? 0) + 1);
      return { registered: true };
    },
  });
  open.push(service);
  void service.resume();
  return service;
}

const newFixture = (): Fixture => ({
  tokens: new Map(),
  registrations: new Map(),
  prepareCalls: 0,
  hangPrepare: false,
});
const dataDir = () => mkdtempSync(path.join(tmpdir(), 'sfn-restart-'));

function restart(service: LocalStepFunctions, dir: string, fixture: Fixture) {
  service.shutdown();
  return startService(dir, fixture);
}

async function start(service: LocalStepFunctions, fixture: Fixture, id: string, timeoutSeconds: number) {
  const { executionArn } = service.startExecution({
    stateMachineArn: service.stateMachineArn('restartable'),
    name: id,
    input: JSON.stringify({ id, timeoutSeconds }),
  });
  const token = await waitFor(`token of ${id}`, async () => fixture.tokens.get(id));
  return { executionArn, token };
}

const finished = (service: LocalStepFunctions, executionArn: string) =>
  waitFor(
    `end of ${executionArn}`,
    async () => {
      const execution = service.describeExecution({ executionArn });
      return execution.status !== 'RUNNING' && execution;
    },
    15_000,
  );

describe('the local Step Functions emulator across a restart (with a data directory)', () => {
  it('keeps a waiting task token valid and resumes the execution with the callback result', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn, token } = await start(first, fixture, 'wait-1', 60);

    const second = restart(first, dir, fixture);
    // The wait's function runs again (at-least-once) and is given the same token.
    await waitFor('the wait to be entered again', async () => fixture.registrations.get('wait-1') === 2);
    expect(fixture.tokens.get('wait-1')).toBe(token);
    second.sendTaskSuccess({ taskToken: token, output: '{"decision":"accept"}' });
    const execution = await finished(second, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!) as Record<string, unknown>;
    expect(output).toMatchObject({ decision: { decision: 'accept' } });
    // The context still names the execution's own start and input, not the resume's.
    expect(output.startedAt).toBe(execution.startDate.toISOString());
    expect(output.input).toEqual({ id: 'wait-1', timeoutSeconds: 60 });
    expect(fixture.prepareCalls).toBe(1);
  });

  it('keeps only the remaining timeout of a wait across the restart', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn } = await start(first, fixture, 'wait-2', 6);
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const restartedAt = Date.now();
    const second = restart(first, dir, fixture);
    const execution = await finished(second, executionArn);
    const afterRestart = Date.now() - restartedAt;
    expect(JSON.parse(execution.output!)).toMatchObject({ outcome: 'timed out' });
    // About 3 s were left; a fresh timer would have taken 6 s.
    expect(afterRestart).toBeGreaterThan(1500);
    expect(afterRestart).toBeLessThan(5500);
  });

  it('fires at once on start a timeout that expired while the process was down', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn, token } = await start(first, fixture, 'wait-3', 5);
    first.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 5500));

    const restartedAt = Date.now();
    const second = startService(dir, fixture);
    const execution = await finished(second, executionArn);
    // A fresh timer would have taken 5 s.
    expect(Date.now() - restartedAt).toBeLessThan(4000);
    expect(JSON.parse(execution.output!)).toMatchObject({ outcome: 'timed out' });
    expect(() => second.sendTaskSuccess({ taskToken: token, output: '{}' })).toThrow(/Task Timed Out/);
  });

  it('never loses a callback that was answered just before the process stopped', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn, token } = await start(first, fixture, 'wait-4', 60);
    first.sendTaskSuccess({ taskToken: token, output: '{"decision":"reject"}' });
    // Stopped in the same turn: the execution had no chance to move on before the "crash".
    const second = restart(first, dir, fixture);
    // The token is no longer open, and the wait's function is not run again: the answer is kept.
    expect(() => second.sendTaskSuccess({ taskToken: token, output: '{}' })).toThrow(/Task Timed Out/);
    const execution = await finished(second, executionArn);
    expect(JSON.parse(execution.output!)).toMatchObject({ decision: { decision: 'reject' } });
    expect(fixture.registrations.get('wait-4')).toBe(1);
  });

  it('runs again a task the process died in, then carries on', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    fixture.hangPrepare = true;
    const first = startService(dir, fixture);
    const { executionArn } = first.startExecution({
      stateMachineArn: first.stateMachineArn('restartable'),
      name: 'hung',
      input: JSON.stringify({ id: 'hung', timeoutSeconds: 60 }),
    });
    await waitFor('the first prepare call', async () => fixture.prepareCalls === 1);

    fixture.hangPrepare = false;
    const second = restart(first, dir, fixture);
    const token = await waitFor('the token after the re-run', async () => fixture.tokens.get('hung'));
    expect(fixture.prepareCalls).toBe(2);
    second.sendTaskSuccess({ taskToken: token, output: '{"decision":"accept"}' });
    const execution = await finished(second, executionArn);
    expect(JSON.parse(execution.output!)).toMatchObject({ decision: { decision: 'accept' } });
  });

  it('describes, lists and gives the history of an execution that ended before the restart', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn, token } = await start(first, fixture, 'done-1', 60);
    first.sendTaskSuccess({ taskToken: token, output: '{"decision":"accept"}' });
    const before = await finished(first, executionArn);
    const historyBefore = first.getExecutionHistory({ executionArn }).events;

    const second = restart(first, dir, fixture);
    expect(second.describeExecution({ executionArn })).toEqual(before);
    expect(second.getExecutionHistory({ executionArn }).events).toEqual(historyBefore);
    const listed = second.listExecutions({ stateMachineArn: second.stateMachineArn('restartable') });
    expect(listed.executions.map((execution) => execution.name)).toContain('done-1');
  });

  it('continues the history of a resumed execution without a second ExecutionStarted', async () => {
    const dir = dataDir();
    const fixture = newFixture();
    const first = startService(dir, fixture);
    const { executionArn, token } = await start(first, fixture, 'history-1', 60);
    const second = restart(first, dir, fixture);
    second.sendTaskSuccess({ taskToken: token, output: '{"decision":"accept"}' });
    await finished(second, executionArn);
    const { events } = second.getExecutionHistory({ executionArn });
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'ExecutionStarted')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  });
});
