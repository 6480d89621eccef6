// The coordination server's durable store: an append-only journal, one JSON line per
// committed unit of work (a request's changes, or an audit record), fsynced before the
// request is answered, replayed at start. See docs/decisions/0010-coordination-server-storage.md.
import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../fhir-engine/index';

export interface JournalRecord {
  /** 1, 2, 3... in commit order. */
  seq: number;
  /** When it was committed (ISO). */
  at: string;
  changes: Change[];
}

export interface ReplayResult {
  records: JournalRecord[];
  /** Bytes of a torn last line (a write cut short by a crash) that were dropped; 0 normally. */
  tornBytes: number;
}

export class JournalCorruptError extends Error {
  constructor(file: string, line: number) {
    super(`Coordination journal ${file} is damaged at line ${line} (not the last line, so not a torn write): refusing to start; restore it from a backup`);
    this.name = 'JournalCorruptError';
  }
}

export const JOURNAL_FILE = 'journal.ndjson';

/**
 * Reads every committed record. Bytes after the last newline are a write the crash cut
 * short (the newline is the last byte an append writes, and JSON.stringify never emits a
 * raw newline): never acknowledged, so dropped, and cut from the file at open so the next
 * append starts on a clean line. A complete line that does not parse is damage, and is
 * refused: silently skipping acknowledged data would be worse than not starting.
 */
export function readJournal(file: string): ReplayResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], tornBytes: 0 };
    throw err;
  }
  const complete = bytes.lastIndexOf(0x0a) + 1;
  const lines = complete ? bytes.subarray(0, complete - 1).toString('utf8').split('\n') : [];
  const records = lines.map((raw, i) => {
    const record = parseRecord(raw);
    if (!record) throw new JournalCorruptError(file, i + 1);
    return record;
  });
  return { records, tornBytes: bytes.length - complete };
}

function parseRecord(raw: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<JournalRecord>;
    return typeof value.seq === 'number' && Array.isArray(value.changes) ? (value as JournalRecord) : undefined;
  } catch {
    return undefined;
  }
}

export interface Journal {
  /** Records replayed at open. */
  readonly replayed: ReplayResult;
  /** Appends one record and fsyncs it; resolves only when it is on disk. */
  append(changes: Change[]): Promise<void>;
  close(): void;
}

/** Opens (creating if needed) the journal in `dataDir`, reading what it holds. */
export function openJournal(dataDir: string, hooks: { beforeAppend?: () => void } = {}): Journal {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, JOURNAL_FILE);
  const replayed = readJournal(file);
  const fd = openSync(file, 'a+');
  if (replayed.tornBytes > 0) {
    ftruncateSync(fd, Buffer.byteLength(readFileSync(file)) - replayed.tornBytes);
    fsyncSync(fd);
  }
  let seq = replayed.records.at(-1)?.seq ?? 0;
  let size = Buffer.byteLength(readFileSync(file));
  let closed = false;
  return {
    replayed,
    // Synchronous write + fsync: appends are already serialised by the engine's lock, and a
    // sync call cannot interleave with another append. The await keeps callers honest.
    append: async (changes) => {
      if (closed) throw new Error('Coordination journal is closed');
      hooks.beforeAppend?.();
      const record: JournalRecord = { seq: seq + 1, at: new Date().toISOString(), changes };
      const bytes = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
      try {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
      } catch (err) {
        // A failed append (disk full, I/O error) must not leave half a line for the next one to follow.
        try {
          ftruncateSync(fd, size);
        } catch {
          // The open-time check drops a torn tail anyway.
        }
        throw err;
      }
      size += bytes.length;
      seq = record.seq;
    },
    close: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
