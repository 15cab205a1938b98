import type { Queryable } from '@aware/db';
import type { TechnicalAlarmView, TechnicalContact, TechnicalResolveBody } from '@aware/protocol';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { DispatchError, DispatchErrorCode } from '../errors.js';
import { controlRoomRoles, mayHandleTechnical } from '../live/audience.js';
import type { TechnicalBoard } from './technical-board.js';
import { acknowledgeTechnical, resolveTechnical } from './technical-sql.js';

export interface TechnicalDeps {
  readonly db: Queryable;
  readonly board: TechnicalBoard;
  readonly now: () => number;
  readonly log: Logger;
}

/** The board entry `principal` may handle, or the error that says why not (not visible is not found). */
function findForHandling(d: TechnicalDeps, principal: Principal, id: string) {
  const entry = d.board.find(principal, id);
  if (!entry) throw new DispatchError(DispatchErrorCode.TECHNICAL_NOT_FOUND);
  if (!mayHandleTechnical(principal, entry.region)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'technical alarms are handled by Veilig Thuis operators');
  return entry;
}

/** Takes a technical alarm: the quiet signal stops on every console, which shows who took it. */
export async function acknowledgeTechnicalAlarm(d: TechnicalDeps, principal: Principal, id: string): Promise<TechnicalAlarmView> {
  findForHandling(d, principal, id);
  const row = await acknowledgeTechnical(d.db, id, principal.userId, new Date(d.now()));
  if (!row) throw new DispatchError(DispatchErrorCode.TECHNICAL_STATE);
  d.log.info({ technicalAlarmId: id, deviceId: row.view.deviceId, userId: principal.userId }, 'technical alarm acknowledged');
  return d.board.handled('acknowledged', row);
}

/** Records what was done; the technical alarm leaves the board and stays in the history. */
export async function resolveTechnicalAlarm(d: TechnicalDeps, principal: Principal, id: string, body: TechnicalResolveBody): Promise<TechnicalAlarmView> {
  findForHandling(d, principal, id);
  const row = await resolveTechnical(d.db, id, principal.userId, new Date(d.now()), body.resolution, body.note || null);
  if (!row) throw new DispatchError(DispatchErrorCode.TECHNICAL_STATE);
  d.log.info({ technicalAlarmId: id, deviceId: row.view.deviceId, userId: principal.userId, resolution: body.resolution }, 'technical alarm resolved');
  return d.board.handled('resolved', row);
}

const CONTACT_SQL = `
SELECT c.id, c.name, c.phone, c.address, c.preferred_contact
FROM technical_alarms t JOIN clients c ON c.id = t.client_id
WHERE t.id = $1`;

const ACCESS_SQL = `
INSERT INTO access_log (user_id, username, organisation, role, action, subject_type, subject_id, client_id, reason, ip, details)
VALUES ($1, $2, $3, $4, 'read', 'technical_alarm', $5, $6, 'technical alarm ' || $5, $7, jsonb_build_object('card', 'contact'))`;

/**
 * Whom to call about a technical alarm on the board: the client's name, phone, address and how she wants
 * to be reached. Written to the access log before it is shown (a read that cannot be logged is refused).
 */
export async function technicalContact(d: TechnicalDeps, principal: Principal, id: string, ip: string | null): Promise<TechnicalContact> {
  findForHandling(d, principal, id);
  const { rows } = await d.db.query<{ id: string; name: string; phone: string | null; address: string | null; preferred_contact: string | null }>(CONTACT_SQL, [id]);
  const client = rows[0];
  if (!client) throw new DispatchError(DispatchErrorCode.TECHNICAL_NOT_FOUND, 'no client on record for this pendant');
  const role = controlRoomRoles(principal)[0] ?? principal.roles[0] ?? 'unknown';
  await d.db.query(ACCESS_SQL, [principal.userId, principal.username, principal.organisation, role, id, client.id, ip]);
  return { clientName: client.name, phone: client.phone, address: client.address, preferredContact: client.preferred_contact };
}
