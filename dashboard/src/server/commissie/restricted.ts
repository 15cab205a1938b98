import { DashboardError, DashboardErrorCode } from '../errors.js';

/** The database refused a change to a restricted record (migration 0013's trigger): DSH_ERR_RECORD_RESTRICTED. */
export function translateRestricted(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23514' && e.constraint === 'dossier_restricted_frozen') {
    return new DashboardError(DashboardErrorCode.RECORD_RESTRICTED, undefined, { cause: error });
  }
  return error;
}
