import type { Queryable } from '@aware/db';
import { Pendant } from '@aware/firmware-sim';
import type { Organisation, Role } from '@aware/protocol';
import { openConsole, type TestConsole } from '../../dispatch/test/helpers/console.js';
import { createAssignedPendant, type TestPendant } from '../../dispatch/test/helpers/dossiers.js';
import { createUser, type TestUser } from '../../dispatch/test/helpers/people.js';

export { openConsole, createAssignedPendant, createUser, type TestConsole, type TestPendant, type TestUser };

/** The two control rooms of a region: a police operator and a Veilig Thuis operator, signed in. */
export async function controlRooms(db: Queryable, region = 'utrecht'): Promise<{ police: TestUser; vt: TestUser }> {
  const roles: Array<[Organisation, Role]> = [
    ['police', 'police_operator'],
    ['veilig_thuis', 'vt_operator'],
  ];
  const [police, vt] = await Promise.all(roles.map(([organisation, role]) => createUser(db, { organisation, region, roles: [role] })));
  return { police: police!, vt: vt! };
}

/**
 * A simulated pendant (firmware-sim, real MQTT) that is online. It behaves as the firmware does: it resends
 * a press (3 s, 6 s ... 30 s) until `alarm_received` names it; it reconnects quickly here (a test has no
 * thousands of pendants to spread out).
 */
export async function onlinePendant(p: TestPendant, url: string, o: { batteryPercent?: number } = {}): Promise<Pendant> {
  const pendant = new Pendant({
    id: p.id,
    secret: p.secret,
    url,
    hbIntervalS: 30,
    ...(o.batteryPercent === undefined ? {} : { battery: { percent: o.batteryPercent, charging: false } }),
    seed: 7,
    reconnect: { initialMs: 200, maxMs: 2_000, factor: 2 },
    keepaliveS: 5,
    connectTimeoutMs: 3_000,
  });
  const up = new Promise<void>((resolve) => pendant.once('connected', () => resolve()));
  pendant.start();
  await up;
  return pendant;
}

/** Resolves when `pendant` hears `alarm_received` for `alarmId` (rejects after `timeoutMs`). */
export function confirmation(pendant: Pendant, alarmId: string, timeoutMs: number): Promise<{ alarmId: string; latencyMs: number; attempts: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`press ${alarmId} of ${pendant.id} never confirmed`)), timeoutMs);
    const onConfirmed = (c: { alarmId: string; latencyMs: number; attempts: number }) => {
      if (c.alarmId !== alarmId) return;
      clearTimeout(timer);
      pendant.off('confirmed', onConfirmed);
      resolve(c);
    };
    pendant.on('confirmed', onConfirmed);
  });
}

/** Presses and resolves with the press id once the pendant is told `alarm_received` for it. */
export function pressUntilConfirmed(pendant: Pendant, timeoutMs = 20_000): Promise<{ alarmId: string; latencyMs: number; attempts: number }> {
  return confirmation(pendant, pendant.press(), timeoutMs);
}

/** The consoles of both control rooms on each of the given console origins (ws://...). */
export async function consolesOn(wsOrigins: readonly string[], users: readonly TestUser[]): Promise<TestConsole[]> {
  return Promise.all(wsOrigins.flatMap((origin) => users.map((u) => openConsole(origin, u.token))));
}
