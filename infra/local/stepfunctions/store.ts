import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HistoryEvent } from './history.ts';

/** The outcome a callback task received, kept so a restart hands it to the state instead of waiting again. */
export type TaskResult = { output: unknown } | { error: string; cause: string };

/** A callback task as a restart needs it: the same token, and deadlines as instants, not durations. */
export interface StoredTask {
  readonly token: string;
  readonly stateName: string;
  readonly status: 'WAITING' | 'CLOSED' | 'TIMED_OUT';
  /** Epoch milliseconds. */
  readonly timeoutAt?: number;
  readonly heartbeatSeconds?: number;
  /** Epoch milliseconds: the last heartbeat (or the start) plus `heartbeatSeconds`. */
  readonly heartbeatAt?: number;
  readonly result?: TaskResult;
}

/** What DescribeExecution shows, plus where the execution is, so a restart can re-enter it there. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: string;
  readonly status: string;
  readonly stopDate?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The last top-level state entered, with its raw input. */
  readonly current?: { readonly stateName: string; readonly input: unknown; readonly enteredAt: string };
  /** The callback task of the current state, if it is one. */
  readonly task?: StoredTask;
}

const HISTORY_SUFFIX = '.history.jsonl';

/**
 * Executions on disk, one directory per emulator: `<execution>.json` is rewritten whole (a
 * temporary file, then a rename, so a crash leaves the old or the new version, never half of one);
 * `<execution>.history.jsonl` gets one line per history event, appended, because rewriting a long
 * history at every state would cost quadratic time. A crash can tear only the last line of a
 * history, and loading skips a torn line. Writes are synchronous: they reach the operating system
 * before the emulator goes on (a killed process loses nothing; a power cut may, as nothing is fsynced).
 */
export class ExecutionStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private fileOf(executionArn: string): string {
    // `execution:<machine>:<name>`: both parts are kept readable; anything unusual becomes `_`.
    const key = executionArn
      .split(':')
      .slice(-2)
      .join('.')
      .replace(/[^A-Za-z0-9_.-]/g, '_');
    return path.join(this.dir, key);
  }

  save(record: ExecutionRecord): void {
    const file = `${this.fileOf(record.executionArn)}.json`;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  }

  appendHistory(executionArn: string, event: HistoryEvent): void {
    appendFileSync(`${this.fileOf(executionArn)}${HISTORY_SUFFIX}`, `${JSON.stringify(event)}\n`);
  }

  loadAll(): ExecutionRecord[] {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as ExecutionRecord);
  }

  loadHistory(executionArn: string): HistoryEvent[] {
    let text: string;
    try {
      text = readFileSync(`${this.fileOf(executionArn)}${HISTORY_SUFFIX}`, 'utf8');
    } catch {
      return [];
    }
    // A torn last line is closed, so the next event starts on a line of its own.
    if (text && !text.endsWith('\n')) appendFileSync(`${this.fileOf(executionArn)}${HISTORY_SUFFIX}`, '\n');
    const events: HistoryEvent[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const event = JSON.parse(line) as HistoryEvent & { timestamp: string };
        events.push({ ...event, timestamp: new Date(event.timestamp) });
      } catch {
        // Only the last line can be torn (a crash during its append); the events before it stand.
      }
    }
    return events;
  }
}
