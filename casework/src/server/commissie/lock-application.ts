import type { Queryable } from '@aware/db';
import type { ApplicationContent, ApplicationStatus } from '@aware/casework/contract';
import { inRegion, type Scope } from './scopes.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

export interface LockedApplication {
  readonly id: string;
  readonly clientId: string;
  readonly region: string;
  readonly kind: 'initial' | 'extension';
  readonly status: ApplicationStatus;
  readonly content: ApplicationContent;
  readonly contentVersion: number;
  readonly createdBy: string;
  readonly submittedBy: string | null;
  readonly clientRestricted: boolean;
}

/**
 * The application, locked for the rest of the transaction (votes and amendments on one application are
 * serialised here). Not found, or of a region outside the scope: DSH_ERR_NOT_FOUND (whether it exists
 * elsewhere is not told). `statuses`: the ones the action allows, else CSW_ERR_APPLICATION_STATE.
 */
export async function lockApplication(tx: Queryable, id: string, s: Scope, statuses: readonly ApplicationStatus[]): Promise<LockedApplication> {
  const { rows } = await tx.query<{
    id: string;
    client_id: string;
    region: string;
    kind: 'initial' | 'extension';
    status: ApplicationStatus;
    content: ApplicationContent;
    content_version: number;
    created_by: string;
    submitted_by: string | null;
    client_restricted: boolean;
  }>(
    `SELECT a.id, a.client_id, a.region, a.kind, a.status, a.content, a.content_version, a.created_by, a.submitted_by,
            (SELECT c.restricted_at IS NOT NULL FROM clients c WHERE c.id = a.client_id) AS client_restricted
     FROM applications a WHERE a.id = $1 FOR UPDATE`,
    [id],
  );
  const r = rows[0];
  if (!r || !inRegion(s, r.region)) throw new DashboardError(DashboardErrorCode.NOT_FOUND, 'no such application');
  if (!statuses.includes(r.status)) throw new CaseworkError(CaseworkErrorCode.APPLICATION_STATE, `it is ${r.status}`);
  return {
    id: r.id,
    clientId: r.client_id,
    region: r.region,
    kind: r.kind,
    status: r.status,
    content: r.content,
    contentVersion: r.content_version,
    createdBy: r.created_by,
    submittedBy: r.submitted_by,
    clientRestricted: r.client_restricted,
  };
}

/** `id` must be a uuid before it reaches a query (a malformed one is simply not found). */
export function uuidOrNotFound(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new DashboardError(DashboardErrorCode.NOT_FOUND);
  return id;
}
