import { fileURLToPath } from 'node:url';

/** `db/migrations/`, wherever the package is checked out. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
