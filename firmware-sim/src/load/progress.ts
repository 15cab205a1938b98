import { addCounts, emptyCounts, mergeHistograms, summarise, type ShardSnapshot } from './stats.js';

/** The live line on stderr: where the run is, once a second. */
export function progressLine(shards: ShardSnapshot[], elapsedMs: number, devices: number): string {
  const k = shards.map((s) => s.counts).reduce(addCounts, emptyCounts());
  const phase = shards.some((s) => s.phase === 'ramp') ? 'ramp' : shards.some((s) => s.phase === 'steady') ? 'steady' : 'drain';
  const p99 = summarise(mergeHistograms(shards.map((s) => s.histogram))).p99;
  const lag = Math.max(...shards.map((s) => s.health.loopDelayP99Ms));
  const t = Math.round(elapsedMs / 1000);
  const clock = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  return (
    `load ${clock} ${phase}: connected ${k.connected}/${devices} · hb ${k.heartbeats} · ` +
    `presses ${k.presses} sent ${k.confirmed} confirmed · p99 ${p99} ms · loop p99 ${lag} ms` +
    (k.connectErrors || k.refused || k.drops ? ` · errors ${k.connectErrors} refused ${k.refused} dropped ${k.drops}` : '')
  );
}
