import type { TrailPoint } from '@aware/protocol';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from '../core/map-context.js';

/**
 * The current position: a marker and a circle of the fix's accuracy, created once and moved in place.
 * With `follow`, the map centres on each new position (zooming in the first time). Renders nothing.
 */
export function PositionLayer({ fix, follow }: { fix: TrailPoint | null; follow: boolean }) {
  const map = useMap();
  const parts = useRef<{ marker: L.CircleMarker; accuracy: L.Circle } | null>(null);
  const first = useRef(true);

  useEffect(() => {
    const accuracy = L.circle([0, 0], { radius: 1, color: '#d10000', weight: 1, fillColor: '#d10000', fillOpacity: 0.12, interactive: false });
    const marker = L.circleMarker([0, 0], { radius: 9, color: '#ffffff', weight: 3, fillColor: '#d10000', fillOpacity: 1 });
    parts.current = { marker, accuracy };
    return () => {
      marker.remove();
      accuracy.remove();
      parts.current = null;
    };
  }, [map]);

  useEffect(() => {
    const p = parts.current;
    if (!p) return;
    if (!fix) {
      p.marker.remove();
      p.accuracy.remove();
      return;
    }
    const at: L.LatLngTuple = [fix.lat, fix.lon];
    p.accuracy.setLatLng(at).setRadius(Math.max(fix.acc, 1));
    p.marker.setLatLng(at);
    if (!map.hasLayer(p.accuracy)) p.accuracy.addTo(map);
    if (!map.hasLayer(p.marker)) p.marker.addTo(map);
    if (first.current) {
      first.current = false;
      map.setView(at, 16);
    } else if (follow) {
      map.panTo(at);
    }
  }, [map, fix, follow]);
  return null;
}
