/**
 * An applied migration is never edited; add a new one. The one exception: a file that could not apply
 * at all on some servers may be corrected, when the correction changes nothing on the servers where it
 * did apply. Its earlier checksums are listed here with the reason; a database that applied an earlier
 * version counts it as applied (and its schema_migrations row takes the new checksum).
 */
export const AMENDED_MIGRATIONS: Readonly<Record<string, { readonly earlier: readonly string[]; readonly why: string }>> = Object.freeze({
  '0009_ingest_health.sql': {
    earlier: ['7c786ef858a9624fa6951fe9c04fd44faa4f7fabdc6f1f8b343dbd46159bd7ce'],
    why:
      'failed on TimescaleDB built with the Apache license (continuous aggregates are Timescale-licensed): ' +
      'it now takes the plain path there; with the full license, and on plain PostgreSQL, it does what it did',
  },
});

/** Whether `checksum` is an earlier version of the amended migration `name`. */
export function isEarlierVersion(name: string, checksum: string): boolean {
  return AMENDED_MIGRATIONS[name]?.earlier.includes(checksum) ?? false;
}
