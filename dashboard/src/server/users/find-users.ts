import type { Queryable } from '@aware/db';
import type { UserView } from '../../contract/users.js';
import { USER_COLUMNS, toUserView, type UserRow } from './user-row.js';

export async function listUsers(db: Queryable): Promise<UserView[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.organisation, u.username`);
  return rows.map(toUserView);
}

export async function getUser(db: Queryable, id: string): Promise<UserView | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0] ? toUserView(rows[0]) : null;
}
