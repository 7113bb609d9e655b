import { SfnApiError, StatesError } from './errors.ts';
import type { StoredTask, TaskResult } from './store.ts';

/** A `.waitForTaskToken` task: its token, deadlines as instants, and the outcome it waits for. */
export interface CallbackTask<Owner> {
  readonly token: string;
  readonly owner: Owner;
  readonly stateName: string;
  status: 'WAITING' | 'CLOSED' | 'TIMED_OUT';
  /** Settles with what the task receives. */
  readonly outcome: Promise<unknown>;
  result?: TaskResult;
  /** Epoch milliseconds. */
  timeoutAt?: number;
  heartbeatSeconds?: number;
  /** Epoch milliseconds: the last heartbeat (or the start) plus `heartbeatSeconds`. */
  heartbeatAt?: number;
}

interface Entry<Owner> extends CallbackTask<Owner> {
  resolve(output: unknown): void;
  reject(error: Error): void;
  heartbeatTimer?: NodeJS.Timeout;
  timeoutTimer?: NodeJS.Timeout;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{64}$/;

/**
 * The callback tasks of an emulator, by token, with AWS's answers to SendTaskSuccess, Failure and
 * Heartbeat. `onChange` runs after a task's outcome (or heartbeat) is set and before anyone waiting
 * on it hears of it, so the emulator can write it down first.
 */
export class CallbackTasks<Owner> {
  private readonly tasks = new Map<string, Entry<Owner>>();
  private stopped = false;

  constructor(private readonly onChange: (task: CallbackTask<Owner>) => void) {}

  /** Registers a task under its token, with its timers armed for the instants it keeps. */
  register(owner: Owner, stored: StoredTask): CallbackTask<Owner> {
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    promise.catch(() => undefined);
    const task: Entry<Owner> = {
      token: stored.token,
      owner,
      stateName: stored.stateName,
      status: stored.status,
      outcome: promise,
      resolve,
      reject,
      ...(stored.timeoutAt !== undefined ? { timeoutAt: stored.timeoutAt } : {}),
      ...(stored.heartbeatSeconds !== undefined ? { heartbeatSeconds: stored.heartbeatSeconds } : {}),
      ...(stored.heartbeatAt !== undefined ? { heartbeatAt: stored.heartbeatAt } : {}),
    };
    this.tasks.set(task.token, task);
    if (stored.result) {
      task.result = stored.result;
      if ('output' in stored.result) resolve(stored.result.output);
      else reject(new StatesError(stored.result.error, stored.result.cause));
    } else if (task.status !== 'WAITING') {
      reject(new StatesError('States.Timeout', `Task ${task.stateName} timed out`));
    } else {
      if (task.timeoutAt !== undefined) {
        task.timeoutTimer = setTimeout(
          () => this.timeOut(task, `Task ${task.stateName} timed out`),
          Math.max(0, task.timeoutAt - Date.now()),
        );
      }
      this.armHeartbeat(task);
    }
    return task;
  }

  /** What a restart needs of a task. */
  toStored(task: CallbackTask<Owner>): StoredTask {
    return {
      token: task.token,
      stateName: task.stateName,
      status: task.status,
      ...(task.timeoutAt !== undefined ? { timeoutAt: task.timeoutAt } : {}),
      ...(task.heartbeatSeconds !== undefined ? { heartbeatSeconds: task.heartbeatSeconds } : {}),
      ...(task.heartbeatAt !== undefined ? { heartbeatAt: task.heartbeatAt } : {}),
      ...(task.result ? { result: task.result } : {}),
    };
  }

  succeed(token: string | undefined, outputText: string | undefined): void {
    const task = this.open(token);
    let output: unknown;
    try {
      output = JSON.parse(outputText ?? '');
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid Output: not valid JSON');
    }
    this.settle(task, 'CLOSED', { output });
  }

  fail(token: string | undefined, error: string, cause: string): void {
    this.settle(this.open(token), 'CLOSED', { error, cause });
  }

  heartbeat(token: string | undefined): void {
    const task = this.open(token);
    if (!task.heartbeatSeconds) return;
    task.heartbeatAt = Date.now() + task.heartbeatSeconds * 1000;
    this.onChange(task);
    this.armHeartbeat(task);
  }

  /** Ends a task that will get no outcome (its execution ended, or its function failed). */
  close(task: CallbackTask<Owner>): void {
    this.closeEntry(task as Entry<Owner>, 'CLOSED');
  }

  /** Ends every waiting task of `owner`. */
  closeAllOf(owner: Owner): void {
    for (const task of this.tasks.values())
      if (task.owner === owner && task.status === 'WAITING') this.closeEntry(task, 'CLOSED');
  }

  /** Stops every timer and settles nothing more (a shutdown that keeps the tasks on disk). */
  stop(): void {
    this.stopped = true;
    for (const task of this.tasks.values()) {
      clearTimeout(task.heartbeatTimer);
      clearTimeout(task.timeoutTimer);
    }
  }

  private open(token: string | undefined): Entry<Owner> {
    if (!token || !TOKEN_PATTERN.test(token))
      throw new SfnApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    const task = this.tasks.get(token);
    if (!task) throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
    if (task.status !== 'WAITING')
      throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return task;
  }

  private armHeartbeat(task: Entry<Owner>) {
    if (task.heartbeatTimer) clearTimeout(task.heartbeatTimer);
    if (!task.heartbeatSeconds || task.heartbeatAt === undefined) return;
    // AWS records States.HeartbeatTimeout; it is also matched by States.Timeout in Retry/Catch,
    // and aws-local-stepfunctions matches names exactly, so the local runtime raises States.Timeout.
    task.heartbeatTimer = setTimeout(
      () =>
        this.timeOut(
          task,
          `Task ${task.stateName} sent no heartbeat for ${task.heartbeatSeconds} s (States.HeartbeatTimeout)`,
        ),
      Math.max(0, task.heartbeatAt - Date.now()),
    );
  }

  private timeOut(task: Entry<Owner>, cause: string) {
    if (task.status !== 'WAITING' || this.stopped) return;
    this.settle(task, 'TIMED_OUT', { error: 'States.Timeout', cause });
  }

  private settle(task: Entry<Owner>, status: 'CLOSED' | 'TIMED_OUT', result: TaskResult) {
    this.closeEntry(task, status);
    task.result = result;
    this.onChange(task);
    if ('output' in result) task.resolve(result.output);
    else task.reject(new StatesError(result.error, result.cause));
  }

  private closeEntry(task: Entry<Owner>, status: 'CLOSED' | 'TIMED_OUT') {
    task.status = status;
    clearTimeout(task.heartbeatTimer);
    clearTimeout(task.timeoutTimer);
  }
}
