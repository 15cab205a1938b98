import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import {
  CHANNEL_QOS,
  allDevicesFilter,
  deviceTopic,
  encodeCommand,
  parseTopic,
  parseUplink,
  type AlarmPress,
  type Command,
} from '@aware/protocol';

/**
 * TEST HARNESS, not product code: stands in for dispatch, which does not exist yet. An internal
 * client that subscribes to every pendant's `alarm` channel and answers each press with
 * `alarm_received` (the protocol's `Command`), and can send any other command to a pendant.
 */
export interface ResponderOptions {
  url: string;
  /** Service credentials where the broker wants them (our broker: `svc:sim-admin`). */
  username?: string;
  password?: string;
  /** Wait this long before confirming (to make expectations fail on purpose). */
  delayMs?: number;
  /** Return false to leave a press unanswered (e.g. to make the pendant resend). */
  answer?: (deviceId: string, press: AlarmPress) => boolean;
}

export interface Responder {
  /** Every press received, in order, with its device id. */
  readonly presses: { deviceId: string; press: AlarmPress }[];
  send(deviceId: string, command: Command): Promise<void>;
  stop(): Promise<void>;
}

export function cmdId(): string {
  return randomBytes(9).toString('base64url');
}

export async function startResponder(options: ResponderOptions): Promise<Responder> {
  const client: MqttClient = await mqtt.connectAsync(options.url, {
    clientId: `${options.username ?? 'sim-responder'}:${cmdId()}`,
    username: options.username,
    password: options.password,
    clean: true,
    reconnectPeriod: 0,
  });
  (client.stream as Partial<Socket>).setNoDelay?.(true);
  const presses: Responder['presses'] = [];
  const send = async (deviceId: string, command: Command): Promise<void> => {
    await client.publishAsync(deviceTopic(deviceId, 'cmd'), encodeCommand(command), { qos: CHANNEL_QOS.cmd.qos });
  };
  client.on('message', (topic, payload) => {
    const parsed = parseTopic(topic);
    const press = parseUplink('alarm', payload);
    if (!parsed.ok || !press.ok) return;
    presses.push({ deviceId: parsed.deviceId, press: press.value });
    if (options.answer && !options.answer(parsed.deviceId, press.value)) return;
    const confirm = () =>
      void send(parsed.deviceId, { type: 'alarm_received', alarmId: press.value.alarmId, cmdId: cmdId(), ts: Date.now() }).catch(() => undefined);
    if (options.delayMs) setTimeout(confirm, options.delayMs);
    else confirm();
  });
  await client.subscribeAsync(allDevicesFilter('alarm'), { qos: 1 });
  return {
    presses,
    send,
    async stop() {
      await client.endAsync(true);
    },
  };
}
