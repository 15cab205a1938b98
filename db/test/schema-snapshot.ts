import type { Queryable } from '../src/pool.js';

/**
 * Everything the migrations define, as sorted text: columns, indexes, constraints, functions, triggers,
 * enum values, seed rows, recorded migrations. Two databases with equal snapshots have one schema.
 * Daily telemetry partitions are left out (their names follow the calendar).
 */
export async function schemaSnapshot(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ line: string }>(`
    SELECT line FROM (
      SELECT format('column %s.%s %s null=%s default=%s', table_name, column_name, data_type, is_nullable, column_default) AS line, table_name::text AS rel
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT format('index %s', indexdef), tablename::text FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)), conrelid::regclass::text
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT format('function %s', oid::regprocedure), '' FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION ALL SELECT format('trigger %s on %s', tgname, tgrelid::regclass), tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT format('enum %s %s', t.typname, e.enumlabel), '' FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      UNION ALL SELECT format('organisation %s', code), '' FROM organisations
      UNION ALL SELECT format('region %s', code), '' FROM regions
      UNION ALL SELECT format('role %s', code), '' FROM roles
      UNION ALL SELECT format('migration %s %s', name, checksum), '' FROM schema_migrations
    ) s
    WHERE rel !~ '^telemetry_p[0-9]{8}$'
    ORDER BY line`);
  return rows.map((r) => r.line).join('\n');
}
