// asl-validator 4 ships JavaScript only; this is the part of its API the tests call.
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: unknown[];
    errorsText: (separator?: string) => string;
  }
  function aslValidator(
    definition: object,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): ValidationResult;
  export = aslValidator;
}
