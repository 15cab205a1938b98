import type { Queryable } from '@aware/db';
import type { DossierDocument } from '@aware/casework/contract';
import { iso } from '../iso.js';

type Alarm = DossierDocument['alarms'][number];
type Telemetry = NonNullable<DossierDocument['telemetry']>;

/**
 * The client's alarms and their history; with their trail (her positions during the alarm) only when
 * `withTrail` (her own inzage copy). Staff reading the dossier (case workers, the commissie, privacy
 * officers handling a request) see that an alarm happened, when, how it was handled and how many
 * positions it holds, never where she was: that was for the control rooms while the alarm was open.
 */
export async function dossierAlarms(db: Queryable, clientId: string, withTrail: boolean): Promise<Alarm[]> {
  const { rows } = await db.query<{
    id: string;
    device_id: string;
    state: string;
    is_test: boolean;
    pressed_at: Date;
    received_at: Date;
    acknowledged_at: Date | null;
    dispatched_at: Date | null;
    dispatch_unit: string | null;
    resolved_at: Date | null;
    outcome: string | null;
    resolution_note: string | null;
    trail: { lat: number; lon: number; acc: number; fixAt: string }[] | null;
    trail_points: number;
    events: { change: string; at: string; actor: string; actorId: string | null; detail: unknown }[];
  }>(
    `SELECT a.id, a.device_id, a.state, a.is_test, a.pressed_at, a.received_at, a.acknowledged_at, a.dispatched_at, a.dispatch_unit,
            a.resolved_at, a.outcome, a.resolution_note,
            CASE WHEN $2 THEN coalesce((SELECT jsonb_agg(jsonb_build_object('lat', t.lat, 'lon', t.lon, 'acc', t.acc, 'fixAt', t.fix_at) ORDER BY t.fix_at)
                      FROM alarm_trail t WHERE t.alarm_id = a.id), '[]') END AS trail,
            (SELECT count(*)::int FROM alarm_trail t WHERE t.alarm_id = a.id) AS trail_points,
            coalesce((SELECT jsonb_agg(jsonb_build_object('change', e.change, 'at', e.at, 'actor', e.actor, 'actorId', e.actor_user_id, 'detail', e.payload) ORDER BY e.at, e.id)
                      FROM alarm_events e WHERE e.alarm_id = a.id), '[]') AS events
     FROM alarms a WHERE a.client_id = $1 ORDER BY a.received_at`,
    [clientId, withTrail],
  );
  const opt = (d: Date | null) => (d ? iso(d) : null);
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    state: r.state,
    isTest: r.is_test,
    pressedAt: iso(r.pressed_at),
    receivedAt: iso(r.received_at),
    acknowledgedAt: opt(r.acknowledged_at),
    dispatchedAt: opt(r.dispatched_at),
    dispatchUnit: r.dispatch_unit,
    resolvedAt: opt(r.resolved_at),
    outcome: r.outcome,
    resolutionNote: r.resolution_note,
    trail: r.trail === null ? null : r.trail.map((t) => ({ ...t, fixAt: iso(t.fixAt) })),
    trailPoints: r.trail_points,
    events: r.events.map((e) => ({ ...e, at: iso(e.at) })),
  }));
}

/** Heartbeats of the pendants she held, within her periods of use (telemetry is kept days to weeks only). */
export async function dossierTelemetry(db: Queryable, clientId: string): Promise<Telemetry> {
  const { rows } = await db.query<{ time: Date; device_id: string; battery: number | null; lat: number | null; lon: number | null; acc: number | null }>(
    `SELECT t.time, t.device_id, t.battery, t.lat, t.lon, t.acc
     FROM device_assignments a
     JOIN telemetry t ON t.device_id = a.device_id AND t.time >= a.starts_at AND t.time < coalesce(a.returned_at, 'infinity')
     WHERE a.client_id = $1 ORDER BY t.time`,
    [clientId],
  );
  return rows.map((r) => ({ time: iso(r.time), deviceId: r.device_id, battery: r.battery, lat: r.lat, lon: r.lon, acc: r.acc }));
}
