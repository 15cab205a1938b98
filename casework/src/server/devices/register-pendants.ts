import { createDevice, withTransaction } from '@aware/db';
import type { RegisteredPendants, RegisterPendantsBody } from '@aware/casework/contract';
import type { CaseDeps } from '../case-deps.js';
import type { Scope } from '../commissie/scopes.js';
import { DashboardError, DashboardErrorCode } from '@aware/dashboard/host';
import { CaseworkError, CaseworkErrorCode } from '../errors.js';

/**
 * `POST /api/stock`: a delivery of pendants into stock, all or none. Refused whole when an id is already
 * registered or a region is unknown (naming them), so a CSV can be fixed and sent again. Each pendant
 * gets its own secret, returned this once (only a keyed hash is stored).
 */
export async function registerPendants(deps: CaseDeps, s: Scope, body: RegisterPendantsBody): Promise<RegisteredPendants> {
  const ids = body.pendants.map((p) => p.id);
  const regions = [...new Set(body.pendants.map((p) => p.region).filter((r): r is string => typeof r === 'string'))];
  return withTransaction(deps.db, async (tx) => {
    // each refusal names its lines by path (`pendants.3.id`), so the form can say which lines to fix
    const taken = new Set((await tx.query<{ id: string }>('SELECT id FROM devices WHERE id = ANY($1::text[])', [ids])).rows.map((r) => r.id));
    if (taken.size) {
      const problems = lines(body, (p) => taken.has(p.id), 'id', (p) => `${p.id} is registered already`);
      throw new CaseworkError(CaseworkErrorCode.DEVICE_EXISTS, [...taken].sort().join(', '), { problems });
    }
    const known = new Set((await tx.query<{ code: string }>('SELECT code FROM regions WHERE code = ANY($1::text[])', [regions])).rows.map((r) => r.code));
    const unknown = regions.filter((r) => !known.has(r));
    if (unknown.length) {
      const problems = lines(body, (p) => typeof p.region === 'string' && !known.has(p.region), 'region', (p) => `unknown region ${p.region}`);
      throw new DashboardError(DashboardErrorCode.BODY_INVALID, `pendants: unknown region ${unknown.join(', ')}`, { problems });
    }
    const pendants = [];
    for (const p of body.pendants) pendants.push(await createDevice(tx, { id: p.id, region: p.region ?? null, issuedBy: s.principal.userId }));
    deps.log.info({ count: pendants.length, first: ids[0], by: s.principal.username }, 'pendants registered in stock');
    return { pendants };
  });
}

type Line = RegisterPendantsBody['pendants'][number];

/** The lines of the delivery that `refused`, as problems at `pendants.<i>.<field>`. */
function lines(body: RegisterPendantsBody, refused: (p: Line) => boolean, field: 'id' | 'region', message: (p: Line) => string) {
  return body.pendants.flatMap((p, i) => (refused(p) ? [{ path: `pendants.${i}.${field}`, issue: 'custom', message: message(p) }] : []));
}
