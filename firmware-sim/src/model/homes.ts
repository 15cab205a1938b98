import { offsetM, type LatLon } from './geo.js';
import { between, pick, type Random } from './random.js';

/** Town centres in the province of Utrecht, where simulated wearers live. */
export const TOWNS = {
  utrecht: { lat: 52.0907, lon: 5.1214 },
  amersfoort: { lat: 52.1561, lon: 5.3878 },
  nieuwegein: { lat: 52.0297, lon: 5.0808 },
  zeist: { lat: 52.0894, lon: 5.2331 },
  veenendaal: { lat: 52.0286, lon: 5.5589 },
  houten: { lat: 52.0283, lon: 5.1681 },
  ijsselstein: { lat: 52.0197, lon: 5.0431 },
  woerden: { lat: 52.0853, lon: 4.8836 },
  maarssen: { lat: 52.1358, lon: 5.0403 },
  bilthoven: { lat: 52.1297, lon: 5.2003 },
  soest: { lat: 52.1733, lon: 5.2917 },
  leusden: { lat: 52.1325, lon: 5.4292 },
  rhenen: { lat: 51.9592, lon: 5.5681 },
  'wijk-bij-duurstede': { lat: 51.9747, lon: 5.3411 },
  mijdrecht: { lat: 52.2069, lon: 4.8625 },
  baarn: { lat: 52.2117, lon: 5.2875 },
} as const satisfies Record<string, LatLon>;

export type Town = keyof typeof TOWNS;
export const TOWN_NAMES = Object.keys(TOWNS) as [Town, ...Town[]];

/** A home address: a town centre (random one unless given) plus up to 1.5 km in each direction. */
export function homeLocation(random: Random, town?: Town): LatLon {
  const centre = TOWNS[town ?? pick(random, TOWN_NAMES)];
  return offsetM(centre, between(random, -1500, 1500), between(random, -1500, 1500));
}
