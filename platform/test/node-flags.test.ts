import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../node-flags.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('the V8 flags of the service processes', () => {
  it('are the same for npm start, the containers, the benchmarks and the e2e topology', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start'];
    const nodeOptions = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(read('Dockerfile'))?.[1];
    for (const flag of SERVICE_NODE_FLAGS) {
      expect(start, 'package.json start').toContain(flag);
      expect(nodeOptions?.split(' '), 'Dockerfile NODE_OPTIONS').toContain(flag);
    }
    expect(read('bench/broker/processes.ts')).toContain('SERVICE_NODE_FLAGS');
    expect(read('bench/dispatch/topology.ts')).toContain('SERVICE_NODE_FLAGS');
    // e2e/ and bench/failover start their services through this one
    expect(read('e2e/helpers/service-process.ts')).toContain('SERVICE_NODE_FLAGS');
    expect(read('bench/ingest/children.ts')).toContain('SERVICE_NODE_FLAGS');
  });
});
