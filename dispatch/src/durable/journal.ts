import { createHash } from 'node:crypto';
import { mkdir, open, appendFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local alarm journal: an append-only file of JSON lines, used while PostgreSQL is unreachable.
 *
 * Each line is `{"sha256":"<64 hex>","body":{"n":<line number>,"at":<ms>,"rec":<record>}}\n` where the
 * checksum covers the exact bytes of `body`. `append()` resolves only after the line is written and
 * `fdatasync`ed, so a caller may confirm the alarm to the pendant then. Concurrent appends share one
 * write and one sync (group commit).
 *
 * A line without its newline (a crash mid-write) is never confirmed and is ignored; a line that fails its
 * checksum is moved to `alarm-journal.corrupt.jsonl` and reported. After a write error the next line
 * starts on a fresh line, so a torn line never swallows a good one.
 */
export interface JournalEntry<T> {
  readonly n: number;
  readonly at: number;
  readonly rec: T;
}

export interface JournalReadResult<T> {
  readonly entries: JournalEntry<T>[];
  /** Byte offset after the last complete line read. */
  readonly nextOffset: number;
  readonly corrupt: number;
}

const PREFIX = '{"sha256":"';
const MIDDLE = '","body":';

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class Journal<T> {
  readonly path: string;
  readonly corruptPath: string;
  private readonly fh: FileHandle;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private nextN: number;
  private needsNewline: boolean;

  private constructor(dir: string, fh: FileHandle, nextN: number, needsNewline: boolean) {
    this.path = join(dir, 'alarm-journal.jsonl');
    this.corruptPath = join(dir, 'alarm-journal.corrupt.jsonl');
    this.fh = fh;
    this.nextN = nextN;
    this.needsNewline = needsNewline;
  }

  static async open<T>(dir: string): Promise<Journal<T>> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await open(join(dir, 'alarm-journal.jsonl'), 'a+', 0o600);
    const size = (await fh.stat()).size;
    let needsNewline = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      needsNewline = last[0] !== 0x0a;
    }
    const journal = new Journal<T>(dir, fh, 1, needsNewline);
    const { entries } = await journal.readFrom(0, { setAside: false });
    journal.nextN = (entries.at(-1)?.n ?? 0) + 1;
    return journal;
  }

  /** Appends `rec` durably: resolves after fdatasync, rejects if the write or the sync failed. */
  append(rec: T, at: number = Date.now()): Promise<void> {
    const body = JSON.stringify({ n: this.nextN++, at, rec });
    const line = `${PREFIX}${sha256(body)}${MIDDLE}${body}}\n`;
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** True when no append is queued or being written. */
  get idle(): boolean {
    return this.flushing === null && this.queue.length === 0;
  }

  /** Waits until every append made so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async size(): Promise<number> {
    return (await this.fh.stat()).size;
  }

  /** Reads the complete lines from `offset` on. Lines that fail their checksum are set aside. */
  async readFrom(offset: number, options: { setAside: boolean } = { setAside: true }): Promise<JournalReadResult<T>> {
    const size = await this.size();
    if (size <= offset) return { entries: [], nextOffset: offset, corrupt: 0 };
    const buf = Buffer.alloc(size - offset);
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, offset);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const end = text.lastIndexOf('\n');
    if (end < 0) return { entries: [], nextOffset: offset, corrupt: 0 };
    const entries: JournalEntry<T>[] = [];
    const bad: string[] = [];
    for (const line of text.slice(0, end).split('\n')) {
      if (line === '') continue;
      const entry = parseLine<T>(line);
      if (entry) entries.push(entry);
      else bad.push(line);
    }
    if (bad.length > 0 && options.setAside) await appendFile(this.corruptPath, bad.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    return { entries, nextOffset: offset + Buffer.byteLength(text.slice(0, end + 1), 'utf8'), corrupt: bad.length };
  }

  /** Empties the journal (after every entry reached the database). Only call when `idle`. */
  async truncate(): Promise<void> {
    if (!this.idle) throw new Error('journal truncate while appends are pending');
    await this.fh.truncate(0);
    await this.fh.datasync();
    this.needsNewline = false;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.fh.close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const text = (this.needsNewline ? '\n' : '') + batch.map((p) => p.line).join('');
          await writeAll(this.fh, Buffer.from(text, 'utf8'));
          this.needsNewline = false;
          await this.fh.datasync();
          for (const p of batch) p.resolve();
        } catch (error) {
          this.needsNewline = true;
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}

async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, null);
    done += bytesWritten;
  }
}

function parseLine<T>(line: string): JournalEntry<T> | null {
  const hashEnd = PREFIX.length + 64;
  if (!line.startsWith(PREFIX) || line.slice(hashEnd, hashEnd + MIDDLE.length) !== MIDDLE || !line.endsWith('}')) return null;
  const body = line.slice(hashEnd + MIDDLE.length, -1);
  if (sha256(body) !== line.slice(PREFIX.length, hashEnd)) return null;
  try {
    const parsed = JSON.parse(body) as JournalEntry<T>;
    return typeof parsed.n === 'number' && typeof parsed.at === 'number' && 'rec' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
