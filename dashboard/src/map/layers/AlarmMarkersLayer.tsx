import type { AlarmView } from '@aware/protocol';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { AlarmStore } from '../../live/alarm-store.js';
import { useMap } from '../core/map-context.js';
import { alarmMarkerLabel, alarmMarkerStyle, textNode } from './marker-style.js';

/** Up to this many alarms, each marker carries its name as a permanent label (beyond, on hover). */
const LABELLED_UP_TO = 30;
/** Markers drawn closer than this (pixels) share a spot: their labels are stacked, not drawn over each other. */
const SAME_SPOT_PX = 12;
/** A label's height when it is not on the page (hover labels): the stack's step then. */
const LABEL_HEIGHT_PX = 30;

/**
 * Two alarms at one address (a shelter, a family) draw one circle over the other. Their labels are stacked
 * beside the spot, one per alarm, each readable and each opening its own alarm, so the map never shows one
 * alarm where there are two. Recomputed when markers come, go or move, and after a zoom.
 */
function stackLabels(map: L.Map, markers: Iterable<L.CircleMarker>): void {
  const spots: { at: L.Point; members: L.CircleMarker[] }[] = [];
  for (const marker of markers) {
    const at = map.latLngToLayerPoint(marker.getLatLng());
    const spot = spots.find((s) => s.at.distanceTo(at) <= SAME_SPOT_PX);
    if (spot) spot.members.push(marker);
    else spots.push({ at, members: [marker] });
  }
  for (const { members } of spots) {
    const drawn = members.length > 1 ? members[0]!.getTooltip()?.getElement()?.offsetHeight : undefined;
    const step = (drawn || LABEL_HEIGHT_PX) + 2;
    members.forEach((marker, i) => {
      const tooltip = marker.getTooltip();
      if (!tooltip) return;
      const y = (i - (members.length - 1) / 2) * step;
      if (L.point(tooltip.options.offset ?? [0, 0]).y === y) return;
      tooltip.options.offset = L.point(10, y);
      tooltip.update();
    });
  }
}

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
    let moved = false;
    // a label opens its alarm too: where labels are stacked, the circle under them is only the top one
    const labelOf = (a: AlarmView) => {
      const label = textNode(alarmMarkerLabel(a));
      label.addEventListener('click', () => select.current(a.id));
      return label;
    };
    const sync = () => {
      let outside = false;
      const { alarms: current } = alarms.store.get();
      for (const [id, entry] of markers) {
        const a = current.get(id);
        if (!a || a.state === 'resolved' || !a.lastFix) {
          entry.marker.remove();
          markers.delete(id);
          moved = true;
        }
      }
      for (const a of current.values()) {
        if (a.state === 'resolved' || !a.lastFix) continue;
        const entry = markers.get(a.id);
        if (!entry) {
          const marker = L.circleMarker([a.lastFix.lat, a.lastFix.lon], alarmMarkerStyle(a));
          marker.bindTooltip(labelOf(a), { permanent: markers.size < LABELLED_UP_TO, interactive: true, direction: 'right', offset: [10, 0] });
          marker.on('click', () => select.current(a.id));
          marker.addTo(group);
          markers.set(a.id, { marker, view: a });
          outside ||= !map.getBounds().contains(marker.getLatLng());
          moved = true;
        } else if (entry.view !== a) {
          if (entry.view.lastFix !== a.lastFix) {
            entry.marker.setLatLng([a.lastFix.lat, a.lastFix.lon]);
            moved = true;
          }
          if (entry.view.state !== a.state || entry.view.flags.test !== a.flags.test) entry.marker.setStyle(alarmMarkerStyle(a));
          if (entry.view.flags.test !== a.flags.test) entry.marker.setTooltipContent(labelOf(a));
          entry.view = a;
        }
      }
      // markers draw on a canvas: the count is readable here (tests, and anyone inspecting the page)
      map.getContainer().dataset['markers'] = String(markers.size);
      if (!own && markers.size > 0 && (!fitted || outside)) {
        fitted = true;
        map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [40, 40], animate: false });
      }
      if (moved) restack();
    };
    const restack = () => {
      moved = false;
      stackLabels(map, [...markers.values()].map((e) => e.marker));
    };
    map.on('zoomend', restack);
    sync();
    const unsubscribe = alarms.store.subscribe(sync);
    return () => {
      unsubscribe();
      map.off('zoomend', restack);
      for (const type of ['pointerdown', 'wheel', 'keydown'] as const) container.removeEventListener(type, takeOver);
      group.remove();
    };
  }, [map, alarms]);
  return null;
}
