import type { TrailPoint } from '@aware/protocol';

/** The fetched trail and the points received live since, each point once, oldest first. */
export function mergeTrail(fetched: readonly TrailPoint[], live: readonly TrailPoint[]): TrailPoint[] {
  const seen = new Map<string, TrailPoint>();
  for (const p of [...fetched, ...live]) seen.set(`${p.at}|${p.lat}|${p.lon}`, p);
  return [...seen.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
