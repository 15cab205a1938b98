/**
 * V8 flags every AWARE service process runs with: `npm start` (package.json), the containers
 * (Dockerfile NODE_OPTIONS) and the benchmarks' service processes. platform/test/node-flags.test.ts
 * keeps the three in step.
 *
 * --max-semi-space-size=64: a young generation of up to 64 MiB per semi-space instead of 16. The broker
 * allocates about 14 KB per routed message (packets, parser and stream state); with the default, a
 * scavenge runs several times a second at 5,000 msg/s and promotes every object that is still in
 * flight, which grows the old generation and brings mark-compact pauses of 50-100 ms. Measured with
 * bench/broker (p99 at 5,000 QoS 1 msg/s): 42-46 ms without, 20-21 ms with, on the same machine.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
