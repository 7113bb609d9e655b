export { loadDefinition, prepareForLocalRun, type AslDefinition } from './definition.ts';
export { SfnApiError, StatesError } from './errors.ts';
export { LocalStepFunctions, type LambdaInvoker, type LocalStepFunctionsOptions } from './service.ts';
export { startStepFunctionsServer } from './server.ts';
