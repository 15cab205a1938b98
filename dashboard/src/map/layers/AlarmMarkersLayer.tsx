import type { AlarmView } from '@aware/protocol';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { AlarmStore } from '../../live/alarm-store.js';
import { useMap } from '../core/map-context.js';
import { alarmMarkerLabel, alarmMarkerStyle, textNode } from './marker-style.js';

/** Up to this many alarms, each marker carries its name as a permanent label (beyond, on hover). */
const LABELLED_UP_TO = 30;

/**
 * One circle marker per open alarm with a position, straight from the alarm store (not through React
 * state): a marker is created once, then moved and restyled in place when its alarm changes, removed when
 * the alarm is resolved. The store publishes at most every 50 ms, so a burst of updates is one pass.
 * Fits the view to the alarms the first time there are any. Renders nothing.
 */
export function AlarmMarkersLayer({ alarms, onSelect }: { alarms: AlarmStore; onSelect: (id: string) => void }) {
  const map = useMap();
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const markers = new Map<string, { marker: L.CircleMarker; view: AlarmView }>();
    const group = L.featureGroup().addTo(map);
    let fitted = false;
    const sync = () => {
      const { alarms: current } = alarms.store.get();
      for (const [id, entry] of markers) {
        const a = current.get(id);
        if (!a || a.state === 'resolved' || !a.lastFix) {
          entry.marker.remove();
          markers.delete(id);
        }
      }
      for (const a of current.values()) {
        if (a.state === 'resolved' || !a.lastFix) continue;
        const entry = markers.get(a.id);
        if (!entry) {
          const marker = L.circleMarker([a.lastFix.lat, a.lastFix.lon], alarmMarkerStyle(a));
          marker.bindTooltip(textNode(alarmMarkerLabel(a)), { permanent: markers.size < LABELLED_UP_TO, direction: 'right', offset: [10, 0] });
          marker.on('click', () => select.current(a.id));
          marker.addTo(group);
          markers.set(a.id, { marker, view: a });
        } else if (entry.view !== a) {
          if (entry.view.lastFix !== a.lastFix) entry.marker.setLatLng([a.lastFix.lat, a.lastFix.lon]);
          if (entry.view.state !== a.state || entry.view.flags.test !== a.flags.test) entry.marker.setStyle(alarmMarkerStyle(a));
          if (entry.view.flags.test !== a.flags.test) entry.marker.setTooltipContent(textNode(alarmMarkerLabel(a)));
          entry.view = a;
        }
      }
      if (!fitted && markers.size > 0) {
        fitted = true;
        map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [40, 40] });
      }
    };
    sync();
    const unsubscribe = alarms.store.subscribe(sync);
    return () => {
      unsubscribe();
      group.remove();
    };
  }, [map, alarms]);
  return null;
}
