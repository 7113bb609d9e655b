import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * A list kept in a file of JSON lines, for the local outboxes: each entry is appended in the same
 * turn as it is added in memory (so what a local service answered for is on disk before its
 * caller hears back), and a crash can tear only the last line, which loading skips. Without a
 * file, it keeps nothing.
 */
export function openJournal<T>(file: string | undefined) {
  return {
    load(): T[] {
      if (!file) return [];
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return [];
      }
      // A torn last line is closed, so the next entry starts on a line of its own.
      if (text && !text.endsWith('\n')) appendFileSync(file, '\n');
      const entries: T[] = [];
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          entries.push(JSON.parse(line) as T);
        } catch {
          // A line torn by a crash during its append: the entries before it stand.
        }
      }
      return entries;
    },
    append(entry: T): void {
      if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
    },
    /** Empties the file: a new empty file, renamed over the old one. */
    clear(): void {
      if (!file) return;
      writeFileSync(`${file}.tmp`, '');
      renameSync(`${file}.tmp`, file);
    },
  };
}

/** How far back a restarted outbox publishes the provider events of its kept messages again. */
export const EVENTS_REPUBLISHED_SECONDS = 600;
