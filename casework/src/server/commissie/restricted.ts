import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** The database refused a change to a restricted record (migration 0013's trigger): CSW_ERR_RECORD_RESTRICTED. */
export function translateRestricted(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23514' && e.constraint === 'dossier_restricted_frozen') {
    return new CaseworkError(CaseworkErrorCode.RECORD_RESTRICTED, undefined, { cause: error });
  }
  return error;
}
