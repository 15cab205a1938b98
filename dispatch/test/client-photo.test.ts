import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type TestConsole } from './helpers/console.js';
import { createAssignedPendant, type TestPendant } from './helpers/dossiers.js';
import { api } from './helpers/http.js';
import { connectPendant, type TestPendantClient } from './helpers/pendant.js';
import { createUser, type TestUser } from './helpers/people.js';
import { startStack, type Stack } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

/** A 1x1 PNG: real image bytes, as the commissie workflow stores them. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function photo(stack: Stack, path: string, token: string): Promise<{ status: number; type: string | null; cache: string | null; bytes: Buffer }> {
  const response = await fetch(`${stack.httpUrl}${path}`, { headers: { cookie: `aware_session=${encodeURIComponent(token)}` } });
  return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("the client's photo on the dossier card", () => {
  let stack: Stack;
  let police: TestUser;
  let otherRegion: TestUser;
  let caseWorker: TestUser;
  let board: TestConsole;
  let holder: TestPendant;
  let pendant: TestPendantClient;

  beforeAll(async () => {
    stack = await startStack();
    const pool = stack.db.pool;
    holder = await createAssignedPendant(pool, 'pendant-photo-1', 'utrecht', 'Sanne de Vries');
    await pool.query(`UPDATE clients SET photo = $2, photo_mime = 'image/png' WHERE id = $1`, [holder.clientId, PNG]);
    police = await createUser(pool, { organisation: 'police', region: 'utrecht', roles: ['police_operator'] });
    otherRegion = await createUser(pool, { organisation: 'police', region: 'haaglanden', roles: ['police_operator'] });
    caseWorker = await createUser(pool, { organisation: 'veilig_thuis', region: 'utrecht', roles: ['vt_caseworker'] });
    board = await openConsole(stack.wsUrl, police.token);
    await waitFor(() => stack.dispatch.context.directory.get(holder.id)?.assignment?.dossier.photoUrl, 5_000, 'directory to learn of the photo');
    pendant = await connectPendant(stack.mqttUrl, holder);
  });

  afterAll(async () => {
    await board?.close();
    await pendant?.close();
    await stack?.stop();
  });

  it('is shown to the control room of an open alarm, never cached, and written to the access log', async () => {
    const alarmId = await pendant.press();
    const alarm = await board.waitForAlarm((a) => a.deviceAlarmId === alarmId);
    const url = alarm.dossier?.photoUrl;
    expect(url).toBe(`/api/clients/${holder.clientId}/photo`);

    const shown = await photo(stack, url!, police.token);
    expect(shown).toMatchObject({ status: 200, type: 'image/png', cache: 'no-store' });
    expect(shown.bytes.equals(PNG)).toBe(true);
    const logged = await waitFor(async () => {
      const { rows } = await stack.db.pool.query(`SELECT username, client_id FROM access_log WHERE subject_id = $1 AND details->>'channel' = 'photo'`, [alarm.id]);
      return rows[0];
    });
    expect(logged).toEqual({ username: police.username, client_id: holder.clientId });
  });

  it('is not shown to another region, to a role without alarms, or to nobody signed in', async () => {
    const url = `/api/clients/${holder.clientId}/photo`;
    expect((await photo(stack, url, otherRegion.token)).status).toBe(404);
    expect((await photo(stack, url, caseWorker.token)).status).toBe(403);
    expect((await fetch(`${stack.httpUrl}${url}`)).status).toBe(401);
    expect((await photo(stack, '/api/clients/not-a-uuid/photo', police.token)).status).toBe(404);
  });

  it('is no longer shown once the alarm is resolved', async () => {
    const alarm = [...board.board().values()].find((a) => a.deviceId === holder.id)!;
    const resolved = await api(stack.httpUrl, 'POST', `/api/alarms/${alarm.id}/resolve`, { token: police.token, body: { outcome: 'test' } });
    expect(resolved.status).toBe(200);
    expect((await photo(stack, `/api/clients/${holder.clientId}/photo`, police.token)).status).toBe(404);
  });
});
