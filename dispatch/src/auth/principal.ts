/** Who is calling: the signed-in user behind a session token (owned by @aware/db's sessions module). */
export type { Principal } from '@aware/db';
