import type { AccessLogPage, AccessLogQuery } from '@aware/casework/contract';
import { api } from '@aware/dashboard/kit';

/** The access log (privacy officers). Empty filters are left out. */
export function accessLog(q: Partial<Record<keyof AccessLogQuery, string | number>>): Promise<AccessLogPage> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return api<AccessLogPage>('GET', `/api/privacy/access-log?${params.toString()}`);
}
