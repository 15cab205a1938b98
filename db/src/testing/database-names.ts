import { randomBytes } from 'node:crypto';

/** Test databases, and the migrated template each run clones them from. */
export type TestDatabaseKind = 'test' | 'tpl';

/** `aware_<kind>_<creation time, base36 ms>_<random>`: unique, and its age can be read back. */
export function newTestDatabaseName(kind: TestDatabaseKind = 'test', now = Date.now()): string {
  return `aware_${kind}_${now.toString(36)}_${randomBytes(5).toString('hex')}`;
}

/** Creation time encoded in a test or template database name, or undefined for any other name. */
export function testDatabaseCreatedAt(name: string): number | undefined {
  const match = /^aware_(?:test|tpl)_([0-9a-z]+)_[0-9a-f]{10}$/.exec(name);
  return match?.[1] ? Number.parseInt(match[1], 36) : undefined;
}
