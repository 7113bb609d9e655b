/**
 * Failures in words. An order that needs a person shows why, and operators and sales read the same
 * sentence: never a stack trace, never an address.
 */
export interface WorkflowFailure {
  /** Step Functions' error name: the error class of a failed step, or a States.* error. */
  readonly Error?: string;
  /** For a failed Lambda step, JSON with `errorType`, `errorMessage` and `trace`; otherwise text. */
  readonly Cause?: unknown;
}

const LEAD_IN: Record<string, string> = {
  SupplyDataError: 'The supply data cannot give a delivery date',
  NotFoundError: 'Something the order needs does not exist',
  ValidationError: 'The order has data the workflow cannot use',
  ConcurrentChangeError: 'Other orders kept changing the same supply while this one was being reserved',
  'States.Timeout': 'A workflow step took too long',
  'States.TaskFailed': 'A workflow step failed',
  'Lambda.ServiceException': 'AWS Lambda failed to run a workflow step',
  'Lambda.TooManyRequestsException': 'AWS Lambda refused to run a workflow step (too many requests)',
};

/** Longest message kept; error messages are written for people but may quote data at length. */
const MAX_MESSAGE = 400;

function messageOf(cause: unknown): string | undefined {
  if (typeof cause !== 'string' || !cause.trim()) return undefined;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the cause is already text (a States.* error or a SendTaskFailure cause).
  }
  return cause;
}

/** One sentence for people about why a workflow step failed, from what Step Functions caught. */
export function describeFailure(failure: WorkflowFailure | undefined): string {
  const name = failure?.Error ?? 'Unknown';
  const lead = LEAD_IN[name] ?? `The workflow stopped at an unexpected error (${name})`;
  // The first line only: a message never brings a stack trace along.
  const message = messageOf(failure?.Cause)?.split('\n')[0]?.trim();
  if (!message) return `${lead}.`;
  const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}...` : message;
  return `${lead}: ${short}`;
}
