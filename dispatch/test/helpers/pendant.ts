import { randomBytes } from 'node:crypto';
import { deviceTopic, parseCommand, type Command, type Fix } from '@aware/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import { waitFor } from './wait.js';

/** A pendant speaking the real protocol over a real MQTT connection (what the firmware does, minimal). */
export interface TestPendantClient {
  readonly client: MqttClient;
  readonly commands: Command[];
  /** `test`: the wearer's deliberate test press. */
  press(o?: { alarmId?: string; fix?: Fix; battery?: number; test?: boolean }): Promise<string>;
  /** Presses and, like the firmware, resends the same press every `everyMs` until `alarm_received` arrives. */
  pressUntilConfirmed(alarmId: string, everyMs: number, timeoutMs: number): Promise<void>;
  publishRaw(channel: 'alarm' | 'loc', payload: string | Buffer): Promise<void>;
  location(alarmId: string, fix: Fix): Promise<void>;
  waitForCommand(predicate: (c: Command) => boolean, timeoutMs?: number): Promise<Command>;
  close(): Promise<void>;
}

export async function connectPendant(url: string, pendant: { id: string; secret: string }): Promise<TestPendantClient> {
  const client = await mqtt.connectAsync(url, { clientId: pendant.id, username: pendant.id, password: pendant.secret, clean: true, reconnectPeriod: 0, protocolVersion: 4 });
  const commands: Command[] = [];
  client.on('message', (_topic, payload) => {
    const parsed = parseCommand(payload);
    if (parsed.ok) commands.push(parsed.value);
  });
  await client.subscribeAsync(deviceTopic(pendant.id, 'cmd'), { qos: 1 });
  const publish = async (channel: 'alarm' | 'loc', payload: string | Buffer) => {
    await client.publishAsync(deviceTopic(pendant.id, channel), payload, { qos: 1 });
  };
  return {
    client,
    commands,
    async press(o = {}) {
      const alarmId = o.alarmId ?? randomBytes(12).toString('base64url');
      await publish('alarm', JSON.stringify({ alarmId, ts: Date.now(), ...(o.fix ? { fix: o.fix } : {}), battery: o.battery ?? 80, ...(o.test ? { test: true } : {}) }));
      return alarmId;
    },
    async pressUntilConfirmed(alarmId, everyMs, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const body = JSON.stringify({ alarmId, ts: Date.now(), battery: 80 });
      for (let attempt = 1; ; attempt++) {
        await publish('alarm', attempt === 1 ? body : JSON.stringify({ ...JSON.parse(body), attempt })).catch(() => undefined);
        const until = Math.min(deadline, Date.now() + everyMs);
        while (Date.now() < until) {
          if (commands.some((c) => c.type === 'alarm_received' && c.alarmId === alarmId)) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        if (Date.now() >= deadline) throw new Error(`press ${alarmId} of ${pendant.id} never confirmed`);
      }
    },
    publishRaw: publish,
    location: (alarmId, fix) => publish('loc', JSON.stringify({ alarmId, ts: Date.now(), fix })),
    waitForCommand: (predicate, timeoutMs) => waitFor(() => commands.find(predicate), timeoutMs),
    close: () => client.endAsync(true),
  };
}
