import type { Queryable } from '@aware/db';
import type { Organisation, Role } from '@aware/protocol';
import type { DossierDocument } from '@aware/casework/contract';
import { nl } from '@aware/dashboard/host';

/** What the inzage copy says of a member of staff: their function and organisation, never who they are. */
export interface StaffMember {
  readonly displayName: string;
  readonly organisation: Organisation | null;
  readonly roles: readonly Role[];
}

export type StaffDirectory = ReadonlyMap<string, StaffMember>;

/** Every member of staff the dossier names (by user id), with their organisation and roles. */
export async function loadStaff(db: Queryable, doc: DossierDocument): Promise<StaffDirectory> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => id && ids.add(id);
  for (const a of doc.applications) {
    add(a.createdBy.id);
    for (const m of a.amendments) add(m.amendedBy.id);
    for (const v of [...a.votes, ...(a.decision?.members ?? [])]) add(v.voter.id);
  }
  for (const k of doc.corrections) add(k.correctedBy.id);
  for (const alarm of doc.alarms) for (const e of alarm.events) add(e.actorId);
  for (const e of doc.accessLog ?? []) add(e.userId);
  if (ids.size === 0) return new Map();
  const { rows } = await db.query<{ id: string; display_name: string; organisation: Organisation | null; roles: Role[] }>(
    `SELECT u.id, u.display_name, u.organisation, coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
     FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, { displayName: r.display_name, organisation: r.organisation, roles: r.roles }]));
}

const SYSTEM_LABEL = 'AWARE-systeem';
const STAFF_LABEL = 'medewerker';

/**
 * "Casemanager Veilig Thuis", "Lid indicatiecommissie (Moviera)": the function the member acted in (the
 * first of `acting` they hold, else their first role) and the organisation, when the function does not
 * already say it.
 */
export function staffLabel(member: StaffMember | undefined, acting: readonly Role[] = []): string {
  if (!member) return STAFF_LABEL;
  const role = acting.find((r) => member.roles.includes(r)) ?? member.roles[0];
  return functionLabel(role ?? null, member.organisation);
}

/** The label of a function in an organisation (also for access-log entries, which record both). */
export function functionLabel(role: string | null, organisation: string | null): string {
  if (role === 'system') return SYSTEM_LABEL;
  const roleText = role && `role.${role}` in nl ? nl[`role.${role}` as keyof typeof nl] : STAFF_LABEL;
  const orgText = organisation && `org.${organisation}` in nl ? nl[`org.${organisation}` as keyof typeof nl] : null;
  return orgText && !roleText.toLowerCase().includes(orgText.toLowerCase()) ? `${roleText} (${orgText})` : roleText;
}
