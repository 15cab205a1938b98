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
 * Fits the view to the alarms, again whenever a new one falls outside it (a mass event spreading), until
 * the operator pans or zooms the map herself: from then on the view is hers. Renders nothing.
 */
export function AlarmMarkersLayer({ alarms, onSelect }: { alarms: AlarmStore; onSelect: (id: string) => void }) {
  const map = useMap();
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const markers = new Map<string, { marker: L.CircleMarker; view: AlarmView }>();
    const group = L.featureGroup().addTo(map);
    let own = false;
    let fitted = false;
    const container = map.getContainer();
    const takeOver = () => (own = true);
    for (const type of ['pointerdown', 'wheel', 'keydown'] as const) container.addEventListener(type, takeOver, { passive: true });
    const sync = () => {
      let outside = false;
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
          outside ||= !map.getBounds().contains(marker.getLatLng());
        } else if (entry.view !== a) {
          if (entry.view.lastFix !== a.lastFix) entry.marker.setLatLng([a.lastFix.lat, a.lastFix.lon]);
          if (entry.view.state !== a.state || entry.view.flags.test !== a.flags.test) entry.marker.setStyle(alarmMarkerStyle(a));
          if (entry.view.flags.test !== a.flags.test) entry.marker.setTooltipContent(textNode(alarmMarkerLabel(a)));
          entry.view = a;
        }
      }
      // markers draw on a canvas: the count is readable here (tests, and anyone inspecting the page)
      map.getContainer().dataset['markers'] = String(markers.size);
      if (!own && markers.size > 0 && (!fitted || outside)) {
        fitted = true;
        map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [40, 40], animate: false });
      }
    };
    sync();
    const unsubscribe = alarms.store.subscribe(sync);
    return () => {
      unsubscribe();
      for (const type of ['pointerdown', 'wheel', 'keydown'] as const) container.removeEventListener(type, takeOver);
      group.remove();
    };
  }, [map, alarms]);
  return null;
}
