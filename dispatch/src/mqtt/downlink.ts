import { deviceTopic, encodeCommand, type Command } from '@aware/protocol';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';

/**
 * Commands to one pendant (`aware/v1/d/{id}/cmd`, QoS 1). mqtt.js keeps a QoS 1 publish made while the
 * broker connection is down and sends it after reconnecting; a pendant that never hears `alarm_received`
 * resends its press, which is answered again.
 */
export class Downlink {
  constructor(
    private readonly client: MqttClient,
    private readonly log: Logger,
  ) {}

  send(deviceId: string, command: Command): void {
    this.client.publish(deviceTopic(deviceId, 'cmd'), encodeCommand(command), { qos: 1 }, (error) => {
      if (error) this.log.warn({ deviceId, type: command.type, err: error.message }, 'command not delivered to the broker');
    });
  }
}
