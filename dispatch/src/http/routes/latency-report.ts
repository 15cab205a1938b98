import type { AlarmLatencyReport } from '@aware/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Authenticator } from '../../auth/authenticator.js';
import { DispatchError, DispatchErrorCode } from '../../errors.js';
import { seesAlarms } from '../../live/audience.js';
import { latencyReport } from '../../report/latency-report.js';
import { parseWith } from '../parse.js';
import type { DispatchServices } from '../services.js';

const Query = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .strict();

/**
 * `GET /api/reports/alarm-latency?from=&to=` (ISO times, default the last 24 hours, at most 93 days).
 * Control-room operators get their region (all regions when they work nationally); administrators all.
 * No location, no dossier.
 */
export function latencyReportRoute(app: FastifyInstance, s: DispatchServices): void {
  app.get('/api/reports/alarm-latency', async (request): Promise<AlarmLatencyReport> => {
    const principal = await s.auth.principal(Authenticator.tokenFrom(request.headers));
    const admin = principal.roles.includes('admin');
    if (!admin && !seesAlarms(principal)) throw new DispatchError(DispatchErrorCode.FORBIDDEN, 'reports need a control-room or administrator role');
    const query = parseWith(Query, request.query, 'query');
    const to = query.to ? new Date(query.to) : new Date(s.ctx.clock.now());
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
    if (!(from < to) || to.getTime() - from.getTime() > 93 * 86_400_000) {
      throw new DispatchError(DispatchErrorCode.QUERY_INVALID, 'from must be before to, at most 93 days apart');
    }
    return latencyReport(s.db, from, to, admin ? null : principal.region);
  });
}
