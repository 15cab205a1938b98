import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@aware/db/testing';
import { booleanArray, numberArray, textArray } from './pg-array.js';

describe('PostgreSQL array literals', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.close());

  it('read back exactly what was written, nulls, quotes, backslashes and the word NULL included', async () => {
    const texts = ['null', 'NULL', 'a"b', 'c\\d', 'e,f', '{g}', ' h ', ''];
    const numbers = [1, -2.5, null, 52.0907, 1e-7, 1795348245963];
    const { rows } = await db.pool.query('SELECT $1::text[] AS t, $2::float8[] AS n, $3::boolean[] AS b', [
      textArray(texts),
      numberArray(numbers),
      booleanArray([true, false]),
    ]);
    expect(rows[0]).toEqual({ t: texts, n: numbers, b: [true, false] });
  });
});
