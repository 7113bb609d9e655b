/** One entry of GetExecutionHistory, in the SDK's HistoryEvent shape. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: string]: unknown;
}

interface LibraryEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  retry?: { attempt: number };
  index?: number;
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const text = (value: unknown) => (typeof value === 'string' ? value : json(value));

/** Maps an aws-local-stepfunctions event to the closest AWS history event. */
export function toHistoryEvent(raw: unknown, id: number): HistoryEvent {
  const event = raw as LibraryEvent;
  const base = { id, previousEventId: id - 1, timestamp: new Date(event.timestamp) };
  const state = event.state;
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        ...base,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: json(event.input) },
      };
    case 'ExecutionSucceeded':
      return {
        ...base,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: json(event.output) },
      };
    case 'ExecutionFailed':
      return {
        ...base,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) },
      };
    case 'ExecutionAborted':
      return { ...base, type: 'ExecutionAborted', executionAbortedEventDetails: {} };
    case 'ExecutionTimeout':
      return {
        ...base,
        type: 'ExecutionTimedOut',
        executionTimedOutEventDetails: { error: 'States.Timeout' },
      };
    case 'StateEntered':
      return {
        ...base,
        type: `${state?.type}StateEntered`,
        stateEnteredEventDetails: { name: state?.name, input: json(state?.input) },
      };
    case 'StateExited':
      return {
        ...base,
        type: `${state?.type}StateExited`,
        stateExitedEventDetails: { name: state?.name, output: json(state?.output) },
      };
    case 'StateFailed': {
      const details = { error: event.Error, cause: text(event.Cause), resource: state?.name };
      if (state?.type !== 'Task')
        return { ...base, type: 'ExecutionFailed', executionFailedEventDetails: details };
      return event.Error === 'States.Timeout'
        ? { ...base, type: 'TaskTimedOut', taskTimedOutEventDetails: details }
        : { ...base, type: 'TaskFailed', taskFailedEventDetails: details };
    }
    case 'StateRetried':
      return {
        ...base,
        type: 'TaskStateRetried',
        stateEnteredEventDetails: { name: state?.name, attempt: event.retry?.attempt },
      };
    case 'StateCaught':
      return { ...base, type: 'TaskStateCaught', stateExitedEventDetails: { name: state?.name } };
    default:
      return { ...base, type: event.type };
  }
}
