import { LIMITS } from '@aware/protocol';
import { intFlag, parseFlags, requireFlag, urlFlag } from '../cli-args.js';
import { credentialsFor } from '../credentials.js';
import { formatMs } from '../duration.js';
import { SimError } from '../errors.js';
import { TOWN_NAMES, type Town } from '../model/homes.js';
import { startControlApi } from '../control-api.js';
import { Pendant } from '../pendant.js';
import { clockTime, describeCommand, describeSent } from './pendant-view.js';

const HELP = `usage: npm run sim -- pendant --id ID [--secret S | --credentials FILE] [--url URL]
                            [--hb-interval S] [--town TOWN] [--seed N] [--control-port P]
                            [--alarm-ids random|counter]
--control-port: also drive it over HTTP on 127.0.0.1:P (see src/control-api.ts; 0 = any free port)
--alarm-ids counter: counter-00000001, -00000002, ... from 1 at every start, as a firmware whose press
                     counter restarts on reboot (the platform raises a reused id as a new, flagged alarm)
keys: p press  b low battery  c charger on/off  o network off/on  w walk 200 m  s state  q quit
`;

const KEYS = 'p press · b low battery · c charger · o network off/on · w walk 200 m · s state · q quit';

export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags('pendant', args, {
    id: { type: 'string' },
    secret: { type: 'string' },
    credentials: { type: 'string' },
    url: { type: 'string' },
    'hb-interval': { type: 'string' },
    town: { type: 'string' },
    seed: { type: 'string' },
    'control-port': { type: 'string' },
    'alarm-ids': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const id = requireFlag('pendant', 'id', values.id);
  if (!LIMITS.deviceIdPattern.test(id)) throw new SimError('SIM_ERR_USAGE', `pendant: --id "${id}" is not a device id (3-32 of a-z, 0-9, -)`);
  const secret = values.secret ?? (await secretFromFile(id, values.credentials));
  if (values.town !== undefined && !(TOWN_NAMES as string[]).includes(values.town)) {
    throw new SimError('SIM_ERR_USAGE', `pendant: --town must be one of ${TOWN_NAMES.join(', ')}`);
  }
  const alarmIds = values['alarm-ids'] ?? 'random';
  if (alarmIds !== 'random' && alarmIds !== 'counter') throw new SimError('SIM_ERR_USAGE', 'pendant: --alarm-ids must be random or counter');
  const pendant = new Pendant({
    id,
    secret,
    url: urlFlag('pendant', values.url),
    hbIntervalS: intFlag('pendant', 'hb-interval', values['hb-interval'], LIMITS.defaultHeartbeatIntervalS, LIMITS.minHeartbeatIntervalS, LIMITS.maxHeartbeatIntervalS),
    town: values.town as Town | undefined,
    seed: values.seed === undefined ? undefined : intFlag('pendant', 'seed', values.seed, 0, 0, 2 ** 32 - 1),
    alarmIds,
  });
  const controlPort = values['control-port'] === undefined ? null : intFlag('pendant', 'control-port', values['control-port'], 0, 0, 65_535);
  const api = controlPort === null ? null : await startControlApi(new Map([[pendant.id, pendant]]), { port: controlPort });
  if (api) process.stdout.write(`${clockTime()}  control API on http://127.0.0.1:${api.port}/pendants/${pendant.id}\n`);
  try {
    return await drive(pendant);
  } finally {
    await api?.close();
  }
}

async function secretFromFile(id: string, flag: string | undefined): Promise<string> {
  const found = await credentialsFor(flag);
  const secret = found?.credentials.find((c) => c.id === id)?.secret;
  if (!secret) {
    const where = found ? `in ${found.path}` : '(no credentials file)';
    throw new SimError('SIM_ERR_USAGE', `pendant: no --secret given and no secret for ${id} ${where}`);
  }
  return secret;
}

/** Wires the pendant to the terminal: prints traffic, reads keys (raw TTY, or characters from a pipe). */
function drive(pendant: Pendant): Promise<number> {
  const say = (line: string) => process.stdout.write(`${clockTime()}  ${line}\n`);
  pendant.on('connected', ({ sessionPresent }) => say(`connected as ${pendant.id}${sessionPresent ? ' (session resumed)' : ''} · ${KEYS}`));
  pendant.on('disconnected', ({ reason }) => say(`disconnected: ${reason.replace('_', ' ')}`));
  pendant.on('reconnecting', ({ attempt, delayMs }) => say(`reconnecting in ${formatMs(delayMs)} (attempt ${attempt})`));
  pendant.on('connectError', ({ message }) => say(`connection failed: ${message}`));
  pendant.on('sent', (message) => say(`→ ${describeSent(message)}`));
  pendant.on('command', (command) => say(`← ${describeCommand(command)}`));
  pendant.on('invalidCommand', ({ code, message }) => say(`← invalid command ignored: ${code} ${message}`));
  pendant.on('pressed', ({ alarmId, online }) => say(`button pressed: alarm ${alarmId}${online ? '' : ' (offline: kept, sent on reconnect)'}`));
  pendant.on('confirmed', ({ alarmId, latencyMs, attempts }) =>
    say(`✔ alarm ${alarmId} CONFIRMED after ${formatMs(latencyMs)} (${attempts} send${attempts === 1 ? '' : 's'}) · pendant vibrates`),
  );
  pendant.on('acknowledged', ({ alarmId }) => say(`operator acknowledged alarm ${alarmId}`));
  pendant.on('trailEnded', ({ alarmId }) => say(`location trail for ${alarmId} ended`));
  pendant.on('selfTest', () => say('self-test: vibrate and blink'));
  pendant.on('configChanged', ({ hbIntervalS }) => say(`heartbeat interval now ${hbIntervalS} s`));

  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    const quit = (code: number, error?: SimError) => {
      stdin.off('data', onData);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      void pendant.stop().then(() => (error ? reject(error) : resolve(code)));
    };
    const onData = (chunk: Buffer) => {
      for (const key of chunk.toString('utf8')) {
        if (key === 'q' || key === '\u0003') return quit(0);
        handleKey(pendant, key, say);
      }
    };
    pendant.on('refused', ({ message }) => quit(3, new SimError('SIM_ERR_CONNECT_REFUSED', `pendant ${pendant.id}: ${message}`)));
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onData);
    process.once('SIGINT', () => quit(0));
    process.once('SIGTERM', () => quit(0));
    say(`pendant ${pendant.id} powering on`);
    pendant.start();
  });
}

function handleKey(pendant: Pendant, key: string, say: (line: string) => void): void {
  switch (key) {
    case 'p':
      pendant.press();
      return;
    case 'b':
      pendant.setBattery(8);
      say('battery set to 8% (low)');
      return;
    case 'c': {
      const charging = !pendant.snapshot().charging;
      pendant.setBattery(pendant.snapshot().battery, charging);
      say(charging ? 'on the charger' : 'off the charger');
      return;
    }
    case 'o': {
      const up = !pendant.networkUp;
      say(up ? 'network back' : 'network lost');
      pendant.setNetwork(up);
      return;
    }
    case 'w':
      say(`walking 200 m (${formatMs(pendant.walk(200))})`);
      return;
    case 's': {
      const { connected, battery, charging, hbIntervalS, walkedM, trailAlarmId, presses } = pendant.snapshot();
      const open = presses.filter((p) => !p.confirmed).length;
      say(
        `state: ${connected ? 'online' : 'offline'} · battery ${battery}%${charging ? ' charging' : ''} · hb every ${hbIntervalS} s · walked ${walkedM} m · ` +
          `${presses.length} presses, ${open} unconfirmed${trailAlarmId ? ` · trail running for ${trailAlarmId}` : ''}`,
      );
      return;
    }
    default:
      return;
  }
}
