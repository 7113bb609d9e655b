/** An error the Step Functions API returns, with AWS's error name (the `__type` on the wire). */
export class SfnApiError extends Error {
  constructor(
    readonly code:
      | 'ExecutionAlreadyExists'
      | 'ExecutionDoesNotExist'
      | 'StateMachineDoesNotExist'
      | 'InvalidArn'
      | 'InvalidName'
      | 'InvalidExecutionInput'
      | 'InvalidOutput'
      | 'InvalidToken'
      | 'TaskDoesNotExist'
      | 'TaskTimedOut'
      | 'ValidationException'
      | 'UnknownOperationException',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** An error raised inside an execution: its `name` is what Retry/Catch match, like AWS's error names. */
export class StatesError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}
