/**
 * Is this database error the *data's* fault (the write can never succeed as it is) rather than the
 * connection's? Only SQLSTATE classes 22 (data exception), 23 (integrity constraint violation) and 42
 * (syntax error or access rule violation, i.e. a bug or a grant missing) count; everything else (class 08
 * connection exception, 57P0x shutdown, 53 insufficient resources, 40 transaction rollback, socket
 * errors, timeouts, unknown) is treated as "the database is unavailable": the write goes to the journal
 * and is replayed later, which is always safe because every write is idempotent.
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html)
 */
export function isRejectedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|42)[0-9A-Z]{3}$/.test(code);
}

/** A deadlock or serialization failure (SQLSTATE class 40): the same transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('40');
}
