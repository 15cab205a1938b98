import type { SessionUser } from '@aware/db';

/** Who is calling: the signed-in user behind a session token (see @aware/db's `findSession`). */
export type Principal = SessionUser;
