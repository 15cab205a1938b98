import { Readable } from 'node:stream';
import { topicMatches } from './acl/topic-filter.js';

interface RetainedPacket {
  topic: string;
  payload: Buffer;
  qos?: number;
}

interface RetainedPersistence {
  storeRetained(packet: RetainedPacket): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

/**
 * Retained messages for stand-alone mode, replacing those of aedes' in-memory persistence, which scans
 * every retained message for every SUBSCRIBE. Every pendant has a retained `status` and subscribes to
 * its own `cmd` on connect, so that scan made a reconnect storm quadratic (10,000 pendants: 10^8 topic
 * matches). Here a filter without wildcards (what pendants subscribe to) is one Map lookup; only
 * wildcard filters (services) scan. The Redis persistence already does an exact HGET.
 */
export function useRetainedStore(persistence: RetainedPersistence): void {
  const retained = new Map<string, RetainedPacket>();

  const matching = function* (patterns: readonly string[]): Generator<RetainedPacket> {
    const sent = new Set<string>();
    for (const pattern of patterns) {
      if (!pattern.includes('+') && !pattern.includes('#')) {
        const packet = retained.get(pattern);
        if (packet && !sent.has(packet.topic)) {
          sent.add(packet.topic);
          yield packet;
        }
        continue;
      }
      for (const [topic, packet] of retained) {
        if (!sent.has(topic) && topicMatches(pattern, topic)) {
          sent.add(topic);
          yield packet;
        }
      }
    }
  };

  persistence.storeRetained = async (packet) => {
    // [MQTT-3.3.1-10] a retained message with an empty payload removes the retained message
    if (packet.payload.length === 0) retained.delete(packet.topic);
    // what a retained delivery reads (aedes' subscribe handler), not the whole packet: one per pendant
    else retained.set(packet.topic, { cmd: 'publish', topic: packet.topic, payload: packet.payload, qos: packet.qos ?? 0, retain: true } as RetainedPacket);
  };
  persistence.createRetainedStream = (pattern) => Readable.from(matching([pattern]));
  persistence.createRetainedStreamCombi = (patterns) => Readable.from(matching(patterns));
}
