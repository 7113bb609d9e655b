import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { endpointFor, requiredEnv } from '../../shared/config.ts';

let client: SFNClient | undefined;
const sfn = () => (client ??= new SFNClient({ endpoint: endpointFor('SFN') }));

/**
 * Starts the order's execution, named by the order id. A retried start with the same input is
 * accepted by Step Functions as the same execution; an existing execution of that name (e.g. a
 * retry after the first start succeeded but the response was lost) is treated as started.
 */
export async function startOrderWorkflow(
  executionName: string,
  input: unknown,
): Promise<{ executionArn?: string; alreadyStarted: boolean }> {
  try {
    const { executionArn } = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: requiredEnv('STATE_MACHINE_ARN'),
        name: executionName,
        input: JSON.stringify(input),
      }),
    );
    return { executionArn, alreadyStarted: false };
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists') return { alreadyStarted: true };
    throw error;
  }
}

/** Errors that mean the wait this token belonged to is over: already resumed, timed out or stopped. */
const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** Resumes a waiting task; `gone` when the wait has already ended (nothing is resumed twice). */
export async function resumeTask(taskToken: string, output: unknown): Promise<'resumed' | 'gone'> {
  try {
    await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'resumed';
  } catch (error) {
    if (GONE.has((error as Error).name)) return 'gone';
    throw error;
  }
}

/** Fails a waiting task with a named error the workflow catches (e.g. OrderCancelled). */
export async function failTask(taskToken: string, error: string, cause: string): Promise<'failed' | 'gone'> {
  try {
    await sfn().send(new SendTaskFailureCommand({ taskToken, error, cause }));
    return 'failed';
  } catch (caught) {
    if (GONE.has((caught as Error).name)) return 'gone';
    throw caught;
  }
}

/** An execution's ARN from its name: executions live under their state machine's ARN. */
const executionArn = (executionName: string): string =>
  `${requiredEnv('STATE_MACHINE_ARN').replace(':stateMachine:', ':execution:')}:${executionName}`;

export type ExecutionState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'MISSING';

/** Whether an execution still runs; `MISSING` when there is none of that name (or it is forgotten). */
export async function executionState(executionName: string): Promise<ExecutionState> {
  try {
    const { status } = await sfn().send(
      new DescribeExecutionCommand({ executionArn: executionArn(executionName) }),
    );
    return (status as ExecutionState | undefined) ?? 'MISSING';
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return 'MISSING';
    throw error;
  }
}

/** Stops an execution if it still runs; stopping one that ended is harmless. */
export async function stopExecution(executionName: string, cause: string): Promise<void> {
  try {
    await sfn().send(
      new StopExecutionCommand({ executionArn: executionArn(executionName), error: 'OrderCancelled', cause }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
  }
}
