import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// aedes' exports hide package.json: find the package from its entry point
const aedesDir = dirname(fileURLToPath(import.meta.resolve('aedes')));

/**
 * aedes-internals.ts types private parts of aedes 1.2.0, and patches/aedes+1.2.0.patch (applied by
 * patch-package on install) fixes how a persistent session's SUBSCRIBE is stored. An upgrade must
 * revisit both: this fails first.
 */
describe('the aedes the broker is built on', () => {
  it('is exactly the version its internals and its patch were written for', () => {
    const pkg = JSON.parse(readFileSync(join(aedesDir, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('1.2.0');
  });

  it('has the patch applied: each granted subscription is stored alone', () => {
    const source = readFileSync(join(aedesDir, 'lib/handlers/subscribe.js'), 'utf8');
    expect(source).toContain('persistence.addSubscriptions(client, [sub])');
    expect(source).not.toContain('persistence.addSubscriptions(client, packet.subscriptions)');
  });
});
