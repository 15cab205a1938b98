/** WGS84 position in degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Moves a position by metres north and east (flat-earth step: exact enough below a few km). */
export function offsetM(from: LatLon, northM: number, eastM: number): LatLon {
  return {
    lat: from.lat + northM / EARTH_RADIUS_M / RAD,
    lon: from.lon + eastM / (EARTH_RADIUS_M * Math.cos(from.lat * RAD)) / RAD,
  };
}

/** Moves a position `distance` metres along a compass bearing (0 = north, 90 = east). */
export function moveM(from: LatLon, bearingDeg: number, distance: number): LatLon {
  return offsetM(from, distance * Math.cos(bearingDeg * RAD), distance * Math.sin(bearingDeg * RAD));
}
