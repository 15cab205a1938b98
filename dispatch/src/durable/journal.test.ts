import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from './journal.js';

describe('the alarm journal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dispatch-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns appended records in order after a reopen, each line valid JSON with a checksum', async () => {
    const journal = await Journal.open<{ k: number }>(dir);
    await Promise.all([1, 2, 3].map((k) => journal.append({ k })));
    await journal.close();
    const reopened = await Journal.open<{ k: number }>(dir);
    const { entries, corrupt } = await reopened.readFrom(0);
    expect(entries.map((e) => e.rec.k)).toEqual([1, 2, 3]);
    expect(entries.map((e) => e.n)).toEqual([1, 2, 3]);
    expect(corrupt).toBe(0);
    for (const line of (await readFile(reopened.path, 'utf8')).trim().split('\n')) {
      expect(JSON.parse(line)).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    await reopened.append({ k: 4 });
    const again = await reopened.readFrom(0);
    expect(again.entries.at(-1)).toMatchObject({ n: 4, rec: { k: 4 } });
    await reopened.close();
  });

  it('ignores a torn last line and starts the next append on a fresh line', async () => {
    const journal = await Journal.open<{ k: number }>(dir);
    await journal.append({ k: 1 });
    await journal.close();
    await appendFile(join(dir, 'alarm-journal.jsonl'), '{"sha256":"00');
    const reopened = await Journal.open<{ k: number }>(dir);
    expect((await reopened.readFrom(0)).entries).toHaveLength(1);
    await reopened.append({ k: 2 });
    const { entries, corrupt } = await reopened.readFrom(0);
    expect(entries.map((e) => e.rec.k)).toEqual([1, 2]);
    expect(corrupt).toBe(1);
    expect(await readFile(reopened.corruptPath, 'utf8')).toContain('{"sha256":"00');
    await reopened.close();
  });

  it('sets aside a line whose body was altered', async () => {
    const journal = await Journal.open<{ k: number }>(dir);
    await journal.append({ k: 1 });
    await journal.append({ k: 2 });
    await journal.close();
    const text = await readFile(join(dir, 'alarm-journal.jsonl'), 'utf8');
    await rm(join(dir, 'alarm-journal.jsonl'));
    await appendFile(join(dir, 'alarm-journal.jsonl'), text.replace('"k":1', '"k":7'));
    const reopened = await Journal.open<{ k: number }>(dir);
    const { entries, corrupt } = await reopened.readFrom(0);
    expect(entries.map((e) => e.rec.k)).toEqual([2]);
    expect(corrupt).toBe(1);
    await reopened.close();
  });

  it('reads on from an offset and is empty after truncate', async () => {
    const journal = await Journal.open<{ k: number }>(dir);
    await journal.append({ k: 1 });
    const first = await journal.readFrom(0);
    await journal.append({ k: 2 });
    const second = await journal.readFrom(first.nextOffset);
    expect(second.entries.map((e) => e.rec.k)).toEqual([2]);
    await journal.truncate();
    expect(await journal.size()).toBe(0);
    expect((await journal.readFrom(0)).entries).toEqual([]);
    await journal.close();
  });
});
