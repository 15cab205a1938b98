import { describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import { useRetainedStore } from './retained-store.js';

function store() {
  const persistence = {} as Parameters<typeof useRetainedStore>[0];
  useRetainedStore(persistence);
  return persistence;
}
async function topics(stream: Readable): Promise<string[]> {
  const out: string[] = [];
  for await (const p of stream) out.push((p as { topic: string }).topic);
  return out;
}
const msg = (topic: string, payload = 'x') => ({ topic, payload: Buffer.from(payload) });

describe('retained store', () => {
  it('answers an exact topic and wildcard filters, each message once', async () => {
    const s = store();
    await s.storeRetained(msg('aware/v1/d/p-1/status'));
    await s.storeRetained(msg('aware/v1/d/p-2/status'));
    await s.storeRetained(msg('aware/v1/d/p-2/cmd'));
    expect(await topics(s.createRetainedStream('aware/v1/d/p-1/status'))).toEqual(['aware/v1/d/p-1/status']);
    expect(await topics(s.createRetainedStream('aware/v1/d/+/status'))).toEqual(['aware/v1/d/p-1/status', 'aware/v1/d/p-2/status']);
    expect(await topics(s.createRetainedStreamCombi(['aware/v1/d/p-2/status', 'aware/v1/#']))).toEqual([
      'aware/v1/d/p-2/status',
      'aware/v1/d/p-1/status',
      'aware/v1/d/p-2/cmd',
    ]);
  });

  it('replaces a retained message, and removes it on an empty payload', async () => {
    const s = store();
    await s.storeRetained(msg('t/a', 'one'));
    await s.storeRetained(msg('t/a', 'two'));
    const [only] = await s.createRetainedStream('t/a').toArray();
    expect((only as { payload: Buffer }).payload.toString()).toBe('two');
    await s.storeRetained(msg('t/a', ''));
    expect(await topics(s.createRetainedStream('t/a'))).toEqual([]);
  });
});
