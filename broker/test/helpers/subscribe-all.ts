import type { MqttClient, Packet } from 'mqtt';

/**
 * One SUBSCRIBE with several filters at QoS 1; resolves with the SUBACK's return codes in order (0x80 =
 * refused), read from the packet itself (mqtt.js reports refusals inconsistently). Rejects when no
 * SUBACK arrives within `timeoutMs`.
 */
export function subscribeAll(client: MqttClient, filters: readonly string[], timeoutMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('packetreceive', onPacket);
      reject(new Error(`no SUBACK within ${timeoutMs} ms`));
    }, timeoutMs);
    const onPacket = (packet: Packet) => {
      if (packet.cmd !== 'suback') return;
      clearTimeout(timer);
      client.off('packetreceive', onPacket);
      resolve(packet.granted.map(Number));
    };
    client.on('packetreceive', onPacket);
    client.subscribe([...filters], { qos: 1 });
  });
}
