import type { TrailPoint } from '@aware/protocol';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from '../core/map-context.js';

/** The alarm's trail as one polyline, created once; its points replaced in place. Renders nothing. */
export function TrailLayer({ points }: { points: readonly TrailPoint[] }) {
  const map = useMap();
  const line = useRef<L.Polyline | null>(null);

  useEffect(() => {
    const l = L.polyline([], { color: '#1f5fbf', weight: 4, opacity: 0.8, interactive: false }).addTo(map);
    line.current = l;
    return () => {
      l.remove();
      line.current = null;
    };
  }, [map]);

  useEffect(() => {
    line.current?.setLatLngs(points.map((p) => [p.lat, p.lon] as L.LatLngTuple));
  }, [points]);
  return null;
}
