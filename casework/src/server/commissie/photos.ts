import { withTransaction } from '@aware/db';
import type { PhotoBody } from '@aware/casework/contract';
import type { CaseDeps } from '../case-deps.js';
import { lockApplication } from './lock-application.js';
import { translateRestricted } from './restricted.js';
import type { Scope } from './scopes.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/** Magic numbers of the accepted image types: the declared type must be the real one. */
const SIGNATURES: Record<PhotoBody['mime'], (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function decodePhoto(body: PhotoBody): Buffer {
  const bytes = Buffer.from(body.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES || !SIGNATURES[body.mime](bytes)) {
    throw new DashboardError(DashboardErrorCode.BODY_INVALID, `not a ${body.mime} image of at most 2 MiB`);
  }
  return bytes;
}

/**
 * `PUT /api/applications/:id/photos/client` and `.../photos/perpetrators/:pid` (null body: remove).
 * While the application is a draft only: what the commissie decided on is locked (a client who wants her
 * photo gone asks the privacy officer: a deletion request of scope `photo`). A photo is optional.
 */
export async function setPhoto(deps: CaseDeps, s: Scope, id: string, target: { perpetratorId: string | null }, body: PhotoBody | null): Promise<void> {
  const bytes = body ? decodePhoto(body) : null;
  await withTransaction(deps.db, async (tx) => {
    const a = await lockApplication(tx, id, s, ['draft']);
    if (a.clientRestricted) throw new CaseworkError(CaseworkErrorCode.RECORD_RESTRICTED);
    try {
      const { rowCount } = target.perpetratorId
        ? await tx.query(`UPDATE perpetrators SET photo = $3, photo_mime = $4, updated_at = now() WHERE id = $1 AND client_id = $2`, [
            target.perpetratorId,
            a.clientId,
            bytes,
            body?.mime ?? null,
          ])
        : await tx.query(`UPDATE clients SET photo = $2, photo_mime = $3, updated_at = now() WHERE id = $1`, [a.clientId, bytes, body?.mime ?? null]);
      if (rowCount !== 1) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such perpetrator in this application');
    } catch (error) {
      throw translateRestricted(error);
    }
  });
}

/** The photo's bytes and type, or null. */
export async function readPhoto(deps: CaseDeps, clientId: string, perpetratorId: string | null): Promise<{ bytes: Buffer; mime: string } | null> {
  const { rows } = perpetratorId
    ? await deps.db.query<{ photo: Buffer | null; photo_mime: string | null }>(`SELECT photo, photo_mime FROM perpetrators WHERE id = $1 AND client_id = $2`, [perpetratorId, clientId])
    : await deps.db.query<{ photo: Buffer | null; photo_mime: string | null }>(`SELECT photo, photo_mime FROM clients WHERE id = $1`, [clientId]);
  const r = rows[0];
  return r?.photo && r.photo_mime ? { bytes: r.photo, mime: r.photo_mime } : null;
}
