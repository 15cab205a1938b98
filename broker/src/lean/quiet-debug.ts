import Module from 'node:module';
import { sep } from 'node:path';

type Load = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;

/** What mqtt-packet uses of `debug`: a factory whose loggers are called, and checked for `enabled`. */
function quietDebug(): unknown {
  const logger = Object.assign(() => undefined, { enabled: false, namespace: '', extend: () => logger, log: () => undefined, destroy: () => undefined });
  const factory = Object.assign(() => logger, { enable: () => undefined, disable: () => '', enabled: () => false, names: [], skips: [], formatters: {} });
  return Object.assign(factory, { default: factory, debug: factory });
}

const MQTT_PACKET = `${sep}node_modules${sep}mqtt-packet${sep}`;

/**
 * mqtt-packet (aedes' and mqtt.js' packet parser and writer) calls `debug(...)` several times for every
 * packet it reads or writes. With DEBUG unset those calls log nothing, but each still allocates its
 * rest-argument array: 3.1 of the 13.7 KB that plain aedes allocates per routed QoS 1 message (V8's
 * sampling heap profiler, collected objects included), and allocation is what drives the broker's
 * garbage-collection pauses. Unless DEBUG is set, mqtt-packet's `require('debug')` gets a shared no-op.
 * Nothing else is touched: every other module still gets the real `debug`.
 *
 * Must run before mqtt-packet is first loaded: broker/src/main.ts and platform/main.ts import it first.
 * Returns whether it was installed.
 */
export function quietMqttPacketDebug(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['DEBUG']) return false;
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  const quiet = quietDebug();
  loader._load = function (this: unknown, request, parent, isMain) {
    if (request === 'debug' && parent?.filename?.includes(MQTT_PACKET)) return quiet;
    return load.call(this, request, parent, isMain);
  } as Load;
  return true;
}
