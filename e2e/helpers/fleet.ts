import type { Pendant } from '@aware/firmware-sim';
import { controlRooms, createAssignedPendant, onlinePendant, type TestConsole, type TestUser } from './people.js';
import { startTopology, type Topology, type TopologyOptions } from './topology.js';

/** The production topology with the two control rooms of Utrecht and `count` assigned pendants online. */
export interface Fleet {
  readonly topology: Topology;
  readonly rooms: { readonly police: TestUser; readonly vt: TestUser };
  /** Half start on broker-1, half on broker-2; each knows both and moves on when its broker goes. */
  readonly pendants: Pendant[];
  /** Consoles a test opened: closed by `stop()`. */
  readonly consoles: TestConsole[];
  stop(): Promise<void>;
}

export async function startFleet(prefix: string, count: number, options: TopologyOptions = {}): Promise<Fleet> {
  const topology = await startTopology(options);
  const rooms = await controlRooms(topology.db.pool);
  const reversed = topology.mqttUrls.split(',').reverse().join(',');
  const pendants: Pendant[] = [];
  for (let i = 0; i < count; i++) {
    const p = await createAssignedPendant(topology.db.pool, `${prefix}-${String(i).padStart(2, '0')}`, 'utrecht');
    pendants.push(await onlinePendant(p, i % 2 === 0 ? topology.mqttUrls : reversed));
  }
  const consoles: TestConsole[] = [];
  return {
    topology,
    rooms,
    pendants,
    consoles,
    async stop() {
      await Promise.all(consoles.map((c) => c.close()));
      await Promise.all(pendants.map((p) => p.stop()));
      await topology.stop();
    },
  };
}
