import { appendFileSync, readFileSync } from 'node:fs';
import type { ProviderStatus } from '../provider.js';

/** One message the simulator accepted, with the final status its carrier gives it (rules.ts). */
export interface JournalRecord {
  sid: string;
  messageId: string;
  status: ProviderStatus;
  errorCode?: string;
}

/** Where the simulator keeps what it accepted, so that a restarted process still answers for it. */
export interface SimulatorJournal {
  /** Everything appended so far, oldest first. */
  load(): JournalRecord[];
  /** Appends one record before the send is answered. */
  append(record: JournalRecord): void;
}

/**
 * A journal in one file of JSON lines (`<data dir>/simulator-sent.jsonl`). Appended synchronously:
 * once send() has answered, the record is in the operating system's hands and survives the process
 * being killed, as a real carrier's record of the message would. A torn last line is skipped.
 */
export function openFileJournal(file: string): SimulatorJournal {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      const records: JournalRecord[] = [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          records.push(JSON.parse(line) as JournalRecord);
        } catch {
          // a line cut short by a kill mid-write: that send was never answered
        }
      }
      return records;
    },
    append(record) {
      appendFileSync(file, `${JSON.stringify(record)}\n`);
    },
  };
}
