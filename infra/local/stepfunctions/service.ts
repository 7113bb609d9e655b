import { randomBytes, randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import {
  EXECUTION_INPUT_KEY,
  HEARTBEAT_KEY,
  INPUT_KEY,
  prepareForLocalRun,
  START_TIME_KEY,
  TIMEOUT_KEY,
  type AslDefinition,
} from './definition.ts';
import { SfnApiError, StatesError } from './errors.ts';
import { toHistoryEvent, type HistoryEvent } from './history.ts';
import { CallbackTasks, type CallbackTask } from './callback-tasks.ts';
import { ExecutionStore, type ExecutionRecord } from './store.ts';

/** Calls a Lambda handler in-process: `functionName` is what the ASL's FunctionName resolved to. */
export type LambdaInvoker = (functionName: string, payload: unknown) => Promise<unknown>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Loaded from disk on first use for executions that ended before a restart. */
  history?: HistoryEvent[];
  /** Where a restart re-enters the execution: the last top-level state entered, with its raw input. */
  current?: ExecutionRecord['current'];
  /** The callback task of the current state. */
  task?: CallbackTask<Execution>;
  /** A restored callback task, taken over (same token, same deadlines) when its state is entered again. */
  adopt?: CallbackTask<Execution>;
  /** The token `$$.Task.Token` produced for the task being entered, taken by its handler. */
  pendingToken?: string;
  /** For a resumed run: called once it is back in its state (see `resume`). */
  onResumed?: () => void;
  abort?: () => void;
  settled: Promise<void>;
}

type Machine = { name: string; definition: AslDefinition; prepared: AslDefinition; createdAt: Date };

export interface LocalStepFunctionsOptions {
  readonly region?: string;
  readonly accountId?: string;
  readonly stateMachines: readonly { name: string; definition: AslDefinition }[];
  readonly invokeLambda: LambdaInvoker;
  readonly onError?: (message: string, error: unknown) => void;
  /**
   * Keep executions in this directory, as AWS keeps them: after a restart, `resume()` continues
   * every running one where it was. Without it, executions live in memory only.
   */
  readonly dataDir?: string;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Step Functions on one machine: the ASL runs in aws-local-stepfunctions, and this class adds
 * what the library leaves to AWS: executions by name, their history and status, callback tasks
 * (`.waitForTaskToken`) with tokens, timeouts and heartbeats, the `lambda:invoke` result shape,
 * and, with `dataDir`, executions that outlive the process.
 *
 * How a restart resumes (the library cannot start a run at a given state, so each resumed run is
 * the same definition with `StartAt` set to the state the execution was in):
 * - every top-level state entered is written down with its raw input before its task runs, so a
 *   restart re-enters that state. A task that was running when the process died runs again:
 *   at-least-once, as Lambda tasks are in AWS.
 * - a callback task is written down with its token and its deadlines as instants. A restart
 *   registers the same token before anything else runs, re-invokes the task's function (which
 *   stores the same token again), and keeps the remaining timeout and heartbeat; a deadline that
 *   passed while the process was down fires at once.
 * - SendTaskSuccess/Failure write the outcome down before they answer, so an answered callback is
 *   never lost: a restart hands the outcome to the state instead of waiting again.
 * Retry counters start again at a resumed state, and a state inside a Map or Parallel re-runs with
 * its whole Map or Parallel.
 */
export class LocalStepFunctions {
  readonly region: string;
  readonly accountId: string;
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  /** A task's outcome is written down (with its execution) before the execution hears of it. */
  private readonly tasks = new CallbackTasks<Execution>((task) => {
    if (task.owner.task === task) this.persist(task.owner);
  });
  private readonly store?: ExecutionStore;
  /** Executions found running on disk, waiting for `resume()`. */
  private readonly restored: Execution[] = [];
  /** Set by shutdown when executions are kept on disk: nothing more is run or written. */
  private detached = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.region = options.region ?? 'eu-west-1';
    this.accountId = options.accountId ?? '000000000000';
    for (const machine of options.stateMachines) {
      const prepared = prepareForLocalRun(machine.definition);
      // Validate once up front, so a broken definition fails at start rather than on first use.
      new StateMachine(prepared as never);
      this.machines.set(this.stateMachineArn(machine.name), { ...machine, prepared, createdAt: new Date() });
    }
    if (options.dataDir) {
      this.store = new ExecutionStore(options.dataDir);
      for (const record of this.store.loadAll()) this.restore(record);
    }
  }

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  /**
   * Continues every execution that was running when the process stopped, each at the state it
   * was in. Call it once the functions it invokes can run. `done` resolves when every one is back
   * in its state: its first state has finished or failed, or, for a callback task, its function
   * has run again and the task waits (or has ended).
   */
  resume(): { count: number; done: Promise<void> } {
    const resumed = this.restored.splice(0);
    const back = resumed.map((execution) => {
      const { promise, resolve } = Promise.withResolvers<void>();
      execution.onResumed = () => {
        execution.onResumed = undefined;
        resolve();
      };
      return promise;
    });
    for (const execution of resumed) {
      const machine = this.machines.get(execution.stateMachineArn);
      if (!machine) {
        this.close(execution, 'FAILED', {
          error: 'States.Runtime',
          cause: `State machine ${execution.stateMachineArn} no longer exists`,
        });
        execution.onResumed?.();
        continue;
      }
      execution.history = this.store?.loadHistory(execution.executionArn) ?? [];
      this.run(machine, execution, execution.current);
    }
    return { count: resumed.length, done: Promise.all(back).then(() => undefined) };
  }

  startExecution(request: { stateMachineArn?: string; name?: string; input?: string }) {
    const machine = this.machines.get(request.stateMachineArn ?? '');
    if (!machine)
      throw new SfnApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    const name = request.name ?? randomUUID();
    if (!NAME_PATTERN.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = request.input ?? '{}';
    let input: unknown;
    try {
      input = JSON.parse(inputText);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not valid JSON');
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As in AWS: the same name and input while running is the same execution; otherwise an error.
      if (existing.status === 'RUNNING' && isDeepStrictEqual(JSON.parse(existing.input), input)) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution = this.newExecution({
      executionArn,
      stateMachineArn: request.stateMachineArn ?? '',
      name,
      input: inputText,
      startDate: new Date(),
      status: 'RUNNING',
      history: [],
      current: { stateName: machine.definition.StartAt, input, enteredAt: new Date().toISOString() },
    });
    // Written before StartExecution answers: a started execution survives a crash right after.
    this.persist(execution);
    this.run(machine, execution, undefined);
    return { executionArn, startDate: execution.startDate };
  }

  private newExecution(fields: Omit<Execution, 'settled'>): Execution {
    const execution = { ...fields, settled: Promise.resolve() };
    this.executions.set(execution.executionArn, execution);
    return execution;
  }

  /** Rebuilds an execution from disk; a running one gets its callback token back before anything runs. */
  private restore(record: ExecutionRecord) {
    const execution = this.newExecution({
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      input: record.input,
      startDate: new Date(record.startDate),
      status: record.status as ExecutionStatus,
      ...(record.stopDate ? { stopDate: new Date(record.stopDate) } : {}),
      ...(record.output !== undefined ? { output: record.output } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
      ...(record.current ? { current: record.current } : {}),
    });
    if (execution.status !== 'RUNNING') return;
    if (record.task && record.task.stateName === record.current?.stateName) {
      const task = this.tasks.register(execution, record.task);
      execution.task = task;
      execution.adopt = task;
      execution.pendingToken = task.token;
    }
    this.restored.push(execution);
  }

  /**
   * Runs an execution from its start, or (resumed after a restart) from the state `from`. The
   * library re-runs only what the definition says, so a resumed run is the same definition
   * starting at that state.
   */
  private run(machine: Machine, execution: Execution, from: Execution['current']) {
    const resumed = from !== undefined;
    const prepared = machine.prepared;
    const definition: AslDefinition = resumed ? { ...prepared, StartAt: from.stateName } : prepared;
    if (resumed && typeof prepared.TimeoutSeconds === 'number') {
      const left = prepared.TimeoutSeconds - (Date.now() - execution.startDate.getTime()) / 1000;
      definition.TimeoutSeconds = Math.max(left, 0.001);
    }
    // Validated in the constructor; a resumed StartAt names a state of the same definition.
    const stateMachine = new StateMachine(definition as never, { validationOptions: { noValidate: true } });
    const history = (execution.history ??= []);
    const taskHolder = {
      get Token() {
        execution.pendingToken ??= randomBytes(48).toString('base64url');
        return execution.pendingToken;
      },
    };
    const handlers = Object.fromEntries(
      Object.entries(prepared.States)
        .filter(([, state]) => state.Type === 'Task')
        .map(([stateName, state]) => [
          stateName,
          (taskInput: unknown) => this.runTask(execution, stateName, state.Resource ?? '', taskInput),
        ]),
    );
    const originalInput = JSON.parse(execution.input) as unknown;
    const running = stateMachine.run((resumed ? from.input : originalInput) as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          RoleArn: `arn:aws:iam::${this.accountId}:role/local`,
          [START_TIME_KEY]: execution.startDate.toISOString(),
          [EXECUTION_INPUT_KEY]: originalInput,
        },
        StateMachine: { Id: execution.stateMachineArn, Name: machine.name },
        Task: taskHolder,
      },
    });
    execution.abort = running.abort;
    void (async () => {
      try {
        let first = true;
        for await (const event of running.eventLogs) {
          if (this.detached) return;
          // A resumed run is the same execution: it gets no second ExecutionStarted.
          if (first && resumed && event.type === 'ExecutionStarted') {
            first = false;
            continue;
          }
          first = false;
          const entry = toHistoryEvent(event, history.length + 1);
          history.push(entry);
          this.store?.appendHistory(execution.executionArn, entry);
          const state = (event as { state?: { name: string; input: unknown } }).state;
          const topLevel = state && (event as { index?: number }).index === undefined;
          if ((event.type === 'StateExited' || event.type === 'StateFailed') && topLevel)
            execution.onResumed?.();
          if (event.type === 'StateEntered' && topLevel && state.name in prepared.States) {
            execution.current = {
              stateName: state.name,
              input: state.input,
              enteredAt: new Date().toISOString(),
            };
            if (execution.task !== execution.adopt) execution.task = undefined;
            this.persist(execution);
          }
        }
      } catch (error) {
        this.options.onError?.(`history of ${execution.name} stopped`, error);
      }
    })();
    execution.settled = running.result.then(
      (output) => this.close(execution, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: Error) => {
        if (error instanceof ExecutionAbortedError) return this.close(execution, 'ABORTED', {});
        if (error instanceof ExecutionTimeoutError)
          return this.close(execution, 'TIMED_OUT', { error: 'States.Timeout' });
        const cause = (error.cause ?? error) as Error;
        this.close(execution, 'FAILED', { error: cause.name, cause: cause.message });
      },
    );
  }

  private persist(execution: Execution) {
    if (!this.store || this.detached) return;
    const storedTask = execution.task && this.tasks.toStored(execution.task);
    this.store.save({
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      input: execution.input,
      startDate: execution.startDate.toISOString(),
      status: execution.status,
      ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
      ...(execution.output !== undefined ? { output: execution.output } : {}),
      ...(execution.error !== undefined ? { error: execution.error } : {}),
      ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
      ...(execution.status === 'RUNNING' && execution.current ? { current: execution.current } : {}),
      ...(execution.status === 'RUNNING' && storedTask ? { task: storedTask } : {}),
    });
  }

  private close(
    execution: Execution,
    status: ExecutionStatus,
    result: { output?: string; error?: string; cause?: string },
  ) {
    if (execution.status !== 'RUNNING' || this.detached) return;
    Object.assign(execution, { status, stopDate: new Date(), ...result });
    execution.onResumed?.();
    this.tasks.closeAllOf(execution);
    this.persist(execution);
  }

  /** A Task state's work: `lambda:invoke` (optionally `.waitForTaskToken`), with AWS's shapes. */
  private async runTask(
    execution: Execution,
    stateName: string,
    resource: string,
    rawInput: unknown,
  ): Promise<unknown> {
    // The library calls this in the same turn as it logs StateEntered; one turn later the history
    // reader has recorded (and written down) this state, so its work never runs before that.
    await nextTurn();
    if (this.detached) return new Promise(() => undefined);
    const {
      [TIMEOUT_KEY]: timeoutSeconds,
      [HEARTBEAT_KEY]: heartbeatSeconds,
      [INPUT_KEY]: wrapped,
      ...parameters
    } = (rawInput ?? {}) as Record<string, unknown>;
    const input = wrapped !== undefined ? wrapped : parameters;
    const waitForToken = resource.endsWith('.waitForTaskToken');
    if (!resource.startsWith('arn:aws:states:::lambda:invoke')) {
      throw new StatesError(
        'States.Runtime',
        `The local runtime only integrates lambda:invoke, not ${resource}`,
      );
    }
    const { FunctionName, Payload } = input as { FunctionName?: string; Payload?: unknown };
    if (!FunctionName)
      throw new StatesError('States.Runtime', `Task ${stateName} has no Parameters.FunctionName`);

    if (!waitForToken) {
      const work = this.invoke(FunctionName, Payload).then((result) => ({
        ExecutedVersion: '$LATEST',
        Payload: result ?? null,
        StatusCode: 200,
        SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: {} },
        SdkResponseMetadata: { RequestId: randomUUID() },
      }));
      return withTimeout(work, toSeconds(timeoutSeconds));
    }

    const token = execution.pendingToken ?? randomBytes(48).toString('base64url');
    execution.pendingToken = undefined;
    const adopted = execution.adopt?.stateName === stateName ? execution.adopt : undefined;
    execution.adopt = undefined;
    let task: CallbackTask<Execution>;
    if (adopted && adopted.token === token) {
      task = adopted;
    } else {
      const now = Date.now();
      const timeout = toSeconds(timeoutSeconds);
      const heartbeat = toSeconds(heartbeatSeconds);
      task = this.tasks.register(execution, {
        token,
        stateName,
        status: 'WAITING',
        ...(timeout ? { timeoutAt: now + timeout * 1000 } : {}),
        ...(heartbeat ? { heartbeatSeconds: heartbeat, heartbeatAt: now + heartbeat * 1000 } : {}),
      });
    }
    execution.task = task;
    // The token and its deadlines are on disk before the function can hand the token out.
    this.persist(execution);
    // Settled while the process was down, or before this state was entered again: nothing to invoke.
    if (task.status !== 'WAITING') return task.outcome;
    // The Lambda may itself resume the task (with the token) before it returns: the token is registered first.
    try {
      await this.invoke(FunctionName, Payload);
    } catch (error) {
      if (task.status === 'WAITING') {
        this.tasks.close(task);
        throw error;
      }
    }
    execution.onResumed?.();
    return task.outcome;
  }

  private async invoke(functionName: string, payload: unknown): Promise<unknown> {
    try {
      return await this.options.invokeLambda(functionName, payload);
    } catch (error) {
      // As the lambda:invoke integration does: the function's error type becomes the error name.
      const failure = error as Error;
      const errorType = failure?.name || 'Error';
      throw new StatesError(
        errorType,
        JSON.stringify({ errorType, errorMessage: failure?.message ?? String(error), trace: [] }),
      );
    }
  }

  sendTaskSuccess(request: { taskToken?: string; output?: string }) {
    this.tasks.succeed(request.taskToken, request.output);
    return {};
  }

  sendTaskFailure(request: { taskToken?: string; error?: string; cause?: string }) {
    this.tasks.fail(request.taskToken, request.error ?? '', request.cause ?? '');
    return {};
  }

  sendTaskHeartbeat(request: { taskToken?: string }) {
    this.tasks.heartbeat(request.taskToken);
    return {};
  }

  private execution(executionArn: string | undefined): Execution {
    const execution = this.executions.get(executionArn ?? '');
    if (!execution)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  describeExecution(request: { executionArn?: string }) {
    const execution = this.execution(request.executionArn);
    return {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate,
      input: execution.input,
      ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
      ...(execution.output !== undefined ? { output: execution.output } : {}),
      ...(execution.error !== undefined ? { error: execution.error } : {}),
      ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    };
  }

  stopExecution(request: { executionArn?: string; error?: string; cause?: string }) {
    const execution = this.execution(request.executionArn);
    if (execution.status === 'RUNNING') {
      this.close(execution, 'ABORTED', {
        ...(request.error ? { error: request.error } : {}),
        ...(request.cause ? { cause: request.cause } : {}),
      });
      execution.abort?.();
    }
    return { stopDate: execution.stopDate ?? new Date() };
  }

  getExecutionHistory(request: {
    executionArn?: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }) {
    const execution = this.execution(request.executionArn);
    execution.history ??= this.store?.loadHistory(execution.executionArn) ?? [];
    const events = [...execution.history];
    if (request.reverseOrder) events.reverse();
    return page(events, request.maxResults, request.nextToken, 'events');
  }

  listExecutions(request: {
    stateMachineArn?: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }) {
    if (!this.machines.has(request.stateMachineArn ?? '')) {
      throw new SfnApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    }
    const executions = [...this.executions.values()]
      .filter((execution) => execution.stateMachineArn === request.stateMachineArn)
      .filter((execution) => !request.statusFilter || execution.status === request.statusFilter)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
      .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        ...(stopDate ? { stopDate } : {}),
      }));
    return page(executions, request.maxResults, request.nextToken, 'executions');
  }

  describeStateMachine(request: { stateMachineArn?: string }) {
    const machine = this.machines.get(request.stateMachineArn ?? '');
    if (!machine)
      throw new SfnApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    return {
      stateMachineArn: request.stateMachineArn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.definition),
      roleArn: `arn:aws:iam::${this.accountId}:role/local`,
      type: 'STANDARD',
      creationDate: machine.createdAt,
    };
  }

  listStateMachines() {
    return {
      stateMachines: [...this.machines].map(([stateMachineArn, machine]) => ({
        stateMachineArn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: machine.createdAt,
      })),
    };
  }

  /** Resolves when every execution started so far has finished (for orderly shutdown in tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.executions.values()].map((execution) => execution.settled));
  }

  /**
   * Stops every running execution and its timers. With `dataDir`, running executions are left as
   * they are on disk (RUNNING, at their current state) for the next start to resume, as a restart
   * of the service would; without it they are aborted.
   */
  shutdown(): void {
    if (this.store) {
      this.detached = true;
      this.tasks.stop();
      for (const execution of this.executions.values()) execution.abort?.();
      return;
    }
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING') this.stopExecution({ executionArn: execution.executionArn });
    }
  }
}

/** Longest delay Node's timers take (2^31 - 1 ms); longer local timeouts are capped to it. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function toSeconds(value: unknown): number | undefined {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_TIMER_SECONDS) : undefined;
}

async function withTimeout<T>(work: Promise<T>, seconds: number | undefined): Promise<T> {
  if (!seconds) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StatesError('States.Timeout', `Task timed out after ${seconds} s`)),
      seconds * 1000,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function page<T, K extends string>(items: T[], maxResults = 100, nextToken: string | undefined, key: K) {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) || 0 : 0;
  const size = maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return {
    [key]: slice,
    ...(more ? { nextToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
  } as Record<K, T[]> & {
    nextToken?: string;
  };
}
