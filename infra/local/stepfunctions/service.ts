import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import {
  HEARTBEAT_KEY,
  INPUT_KEY,
  prepareForLocalRun,
  TIMEOUT_KEY,
  type AslDefinition,
} from './definition.ts';
import { SfnApiError, StatesError } from './errors.ts';
import { toHistoryEvent, type HistoryEvent } from './history.ts';

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
  readonly history: HistoryEvent[];
  /** The token `$$.Task.Token` produced for the task being entered, taken by its handler. */
  pendingToken?: string;
  abort?: () => void;
  readonly settled: Promise<void>;
}

interface CallbackTask {
  readonly execution: Execution;
  readonly stateName: string;
  status: 'WAITING' | 'CLOSED' | 'TIMED_OUT';
  resolve(output: unknown): void;
  reject(error: Error): void;
  heartbeatSeconds?: number;
  heartbeatTimer?: NodeJS.Timeout;
  timeoutTimer?: NodeJS.Timeout;
}

export interface LocalStepFunctionsOptions {
  readonly region?: string;
  readonly accountId?: string;
  readonly stateMachines: readonly { name: string; definition: AslDefinition }[];
  readonly invokeLambda: LambdaInvoker;
  readonly onError?: (message: string, error: unknown) => void;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{64}$/;
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Step Functions on one machine: the ASL runs in aws-local-stepfunctions, and this class adds
 * what the library leaves to AWS: executions by name, their history and status, callback tasks
 * (`.waitForTaskToken`) with tokens, timeouts and heartbeats, and the `lambda:invoke` result shape.
 */
export class LocalStepFunctions {
  readonly region: string;
  readonly accountId: string;
  private readonly machines = new Map<string, { name: string; definition: AslDefinition; createdAt: Date }>();
  private readonly executions = new Map<string, Execution>();
  private readonly tasks = new Map<string, CallbackTask>();

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.region = options.region ?? 'eu-west-1';
    this.accountId = options.accountId ?? '000000000000';
    for (const machine of options.stateMachines) {
      // Validate once up front, so a broken definition fails at start rather than on first use.
      new StateMachine(prepareForLocalRun(machine.definition) as never);
      this.machines.set(this.stateMachineArn(machine.name), { ...machine, createdAt: new Date() });
    }
  }

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
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
    const execution = this.run(
      machine.definition,
      request.stateMachineArn ?? '',
      executionArn,
      name,
      inputText,
      input,
    );
    return { executionArn, startDate: execution.startDate };
  }

  private run(
    definition: AslDefinition,
    stateMachineArn: string,
    executionArn: string,
    name: string,
    inputText: string,
    input: unknown,
  ) {
    const history: HistoryEvent[] = [];
    let settle!: () => void;
    const execution: Execution = {
      executionArn,
      stateMachineArn,
      name,
      input: inputText,
      startDate: new Date(),
      status: 'RUNNING',
      history,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.executions.set(executionArn, execution);
    const prepared = prepareForLocalRun(definition);
    const machine = new StateMachine(prepared as never);
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
    const running = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::${this.accountId}:role/local` },
        StateMachine: { Id: stateMachineArn, Name: stateMachineArn.split(':').pop() },
        Task: taskHolder,
      },
    });
    execution.abort = running.abort;
    void (async () => {
      try {
        for await (const event of running.eventLogs) history.push(toHistoryEvent(event, history.length + 1));
      } catch (error) {
        this.options.onError?.(`history of ${name} stopped`, error);
      }
    })();
    running.result
      .then(
        (output) => this.close(execution, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
        (error: Error) => {
          if (error instanceof ExecutionAbortedError) return this.close(execution, 'ABORTED', {});
          if (error instanceof ExecutionTimeoutError)
            return this.close(execution, 'TIMED_OUT', { error: 'States.Timeout' });
          const cause = (error.cause ?? error) as Error;
          this.close(execution, 'FAILED', { error: cause.name, cause: cause.message });
        },
      )
      .finally(settle);
    return execution;
  }

  private close(
    execution: Execution,
    status: ExecutionStatus,
    result: { output?: string; error?: string; cause?: string },
  ) {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date(), ...result });
    for (const [, task] of this.tasks) {
      if (task.execution === execution && task.status === 'WAITING') this.closeTask(task, 'CLOSED');
    }
  }

  /** A Task state's work: `lambda:invoke` (optionally `.waitForTaskToken`), with AWS's shapes. */
  private async runTask(
    execution: Execution,
    stateName: string,
    resource: string,
    rawInput: unknown,
  ): Promise<unknown> {
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
    const outcome = new Promise<unknown>((resolve, reject) => {
      const task: CallbackTask = { execution, stateName, status: 'WAITING', resolve, reject };
      const heartbeat = toSeconds(heartbeatSeconds);
      if (heartbeat) task.heartbeatSeconds = heartbeat;
      this.tasks.set(token, task);
      this.armHeartbeat(task);
      const timeout = toSeconds(timeoutSeconds);
      if (timeout) {
        task.timeoutTimer = setTimeout(() => {
          this.closeTask(task, 'TIMED_OUT');
          reject(new StatesError('States.Timeout', `Task ${stateName} timed out after ${timeout} s`));
        }, timeout * 1000);
      }
    });
    outcome.catch(() => undefined);
    // The Lambda may itself resume the task (with the token) before it returns: the token is registered first.
    try {
      await this.invoke(FunctionName, Payload);
    } catch (error) {
      const task = this.tasks.get(token);
      if (task && task.status === 'WAITING') {
        this.closeTask(task, 'CLOSED');
        throw error;
      }
    }
    return outcome;
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

  private armHeartbeat(task: CallbackTask) {
    if (task.heartbeatTimer) clearTimeout(task.heartbeatTimer);
    if (!task.heartbeatSeconds) return;
    task.heartbeatTimer = setTimeout(() => {
      this.closeTask(task, 'TIMED_OUT');
      // AWS records States.HeartbeatTimeout; it is also matched by States.Timeout in Retry/Catch,
      // and aws-local-stepfunctions matches names exactly, so the local runtime raises States.Timeout.
      task.reject(
        new StatesError(
          'States.Timeout',
          `Task ${task.stateName} sent no heartbeat for ${task.heartbeatSeconds} s (States.HeartbeatTimeout)`,
        ),
      );
    }, task.heartbeatSeconds * 1000);
  }

  private closeTask(task: CallbackTask, status: 'CLOSED' | 'TIMED_OUT') {
    task.status = status;
    clearTimeout(task.heartbeatTimer);
    clearTimeout(task.timeoutTimer);
  }

  private openTask(token: string | undefined): CallbackTask {
    if (!token || !TOKEN_PATTERN.test(token))
      throw new SfnApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    const task = this.tasks.get(token);
    if (!task) throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
    if (task.status !== 'WAITING')
      throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return task;
  }

  sendTaskSuccess(request: { taskToken?: string; output?: string }) {
    const task = this.openTask(request.taskToken);
    let output: unknown;
    try {
      output = JSON.parse(request.output ?? '');
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid Output: not valid JSON');
    }
    this.closeTask(task, 'CLOSED');
    task.resolve(output);
    return {};
  }

  sendTaskFailure(request: { taskToken?: string; error?: string; cause?: string }) {
    const task = this.openTask(request.taskToken);
    this.closeTask(task, 'CLOSED');
    task.reject(new StatesError(request.error ?? '', request.cause ?? ''));
    return {};
  }

  sendTaskHeartbeat(request: { taskToken?: string }) {
    this.armHeartbeat(this.openTask(request.taskToken));
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
    const events = [...this.execution(request.executionArn).history];
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

  /** Stops every running execution and its timers. */
  shutdown(): void {
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
