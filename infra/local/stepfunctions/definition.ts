import { readFile } from 'node:fs/promises';

export type AslDefinition = { States: Record<string, AslState>; StartAt: string; [key: string]: unknown };
export type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  [key: string]: unknown;
};

/** Reads an ASL file and applies `${Name}` DefinitionSubstitutions, as CloudFormation does. */
export async function loadDefinition(
  file: string,
  substitutions: Record<string, string> = {},
): Promise<AslDefinition> {
  const text = await readFile(file, 'utf8');
  const substituted = text.replace(
    /\$\{([A-Za-z0-9_]+)\}/g,
    (match, name: string) => substitutions[name] ?? match,
  );
  return JSON.parse(substituted) as AslDefinition;
}

/** Hidden Parameters keys through which a task's timeouts reach the local task handler. */
export const TIMEOUT_KEY = '__localTimeoutSeconds';
export const HEARTBEAT_KEY = '__localHeartbeatSeconds';
export const INPUT_KEY = '__localInput';
/**
 * Hidden context fields for `$$.Execution.StartTime` and `$$.Execution.Input`: the library sets
 * those two itself when a run starts, and a run resumed after a restart must still see the
 * execution's own start time and input, not the resume's.
 */
export const START_TIME_KEY = '__localStartTime';
export const EXECUTION_INPUT_KEY = '__localExecutionInput';
/**
 * The library's own task timer, kept out of the way: AWS's default (99,999,999 s) overflows Node's
 * timer range (2^31 - 1 ms, about 24.8 days), which would fire at once. So one local task can wait
 * at most 24.8 days; our own timers below handle the task's real timeout and heartbeat.
 */
const NO_TIMEOUT = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Adapts a definition for aws-local-stepfunctions without changing its meaning. The library reads
 * `TimeoutSecondsPath` from the task's *effective* input (after Parameters), where AWS reads the
 * state input, and times out tasks without a timeout after 60 s where AWS waits. So task timeouts
 * are handled by our task handler instead: the path is evaluated by the library as a hidden
 * Parameters entry (against the state input, as in AWS), and the library's own timer is disabled.
 * `$$.Execution.StartTime` and `$$.Execution.Input` read hidden context fields (see START_TIME_KEY).
 */
export function prepareForLocalRun(definition: AslDefinition): AslDefinition {
  const states = Object.fromEntries(
    Object.entries(definition.States).map(([name, state]) => {
      if (state.Type !== 'Task') return [name, state];
      const { TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath, ...rest } =
        state as AslState & {
          TimeoutSeconds?: number;
          TimeoutSecondsPath?: string;
          HeartbeatSeconds?: number;
          HeartbeatSecondsPath?: string;
        };
      const timed = TimeoutSecondsPath || TimeoutSeconds || HeartbeatSecondsPath || HeartbeatSeconds;
      if (!timed) return [name, { ...rest, TimeoutSeconds: NO_TIMEOUT }];
      // Without Parameters the task input is the whole state input: carry it under INPUT_KEY.
      const parameters: Record<string, unknown> = rest.Parameters
        ? { ...rest.Parameters }
        : { [`${INPUT_KEY}.$`]: '$' };
      if (TimeoutSecondsPath) parameters[`${TIMEOUT_KEY}.$`] = TimeoutSecondsPath;
      else if (TimeoutSeconds) parameters[TIMEOUT_KEY] = TimeoutSeconds;
      if (HeartbeatSecondsPath) parameters[`${HEARTBEAT_KEY}.$`] = HeartbeatSecondsPath;
      else if (HeartbeatSeconds) parameters[HEARTBEAT_KEY] = HeartbeatSeconds;
      return [name, { ...rest, Parameters: parameters, TimeoutSeconds: NO_TIMEOUT }];
    }),
  );
  const contextPaths = JSON.stringify(states)
    .replace(/\$\$\.Execution\.StartTime\b/g, `$$$$.Execution.${START_TIME_KEY}`)
    .replace(/\$\$\.Execution\.Input\b/g, `$$$$.Execution.${EXECUTION_INPUT_KEY}`);
  return { ...definition, States: JSON.parse(contextPaths) as Record<string, AslState> };
}
