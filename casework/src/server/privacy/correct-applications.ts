import type { PoolClient } from '@aware/db';
import type { ApplicationContent, CorrectionBody } from '@aware/casework/contract';

/**
 * Carries a correction into the applications that hold the value (the form as filed): a draft is changed
 * in place; a filed application gets an amendment with the correction as its reason (the only way the
 * database lets its content change), so the history shows the old value, the new one and why.
 */
export async function correctApplications(tx: PoolClient, clientId: string, c: CorrectionBody, reason: string, by: string): Promise<void> {
  const { rows } = await tx.query<{ id: string; status: string; content: ApplicationContent; content_version: number }>(
    `SELECT id, status, content, content_version FROM applications WHERE client_id = $1 AND kind = 'initial' ORDER BY created_at FOR UPDATE`,
    [clientId],
  );
  for (const a of rows) {
    const next = patched(a.content, c);
    if (!next) continue;
    if (a.status === 'draft') {
      await tx.query(`UPDATE applications SET content = $2, updated_at = now() WHERE id = $1`, [a.id, next]);
      continue;
    }
    const version = a.content_version + 1;
    await tx.query(
      `INSERT INTO application_amendments (application_id, version, previous_content, content, reason, amended_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.id, version, a.content, next, reason.slice(0, 2000), by],
    );
    await tx.query(`UPDATE applications SET content = $2, content_version = $3, updated_at = now() WHERE id = $1`, [a.id, next, version]);
  }
}

/** The content with the corrected value, or null when it does not carry that value or has it already. */
function patched(content: ApplicationContent, c: CorrectionBody): ApplicationContent | null {
  if (content.kind !== 'initial') return null;
  const value = c.value ?? (c.field === 'dateOfBirth' ? null : '');
  if (c.subjectType === 'client') {
    const client = content.client as Record<string, unknown>;
    if (!(c.field in client) || client[c.field] === value) return null;
    return { ...content, client: { ...content.client, [c.field]: value } };
  }
  let changed = false;
  const perpetrators = content.perpetrators.map((p) => {
    if (p.id !== c.subjectId || (p as Record<string, unknown>)[c.field] === value) return p;
    changed = true;
    return { ...p, [c.field]: value ?? '' };
  });
  return changed ? { ...content, perpetrators } : null;
}
