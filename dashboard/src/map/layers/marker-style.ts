import type { AlarmView } from '@aware/protocol';
import type L from 'leaflet';

/**
 * How an alarm looks on the map: red while nobody acknowledged it, amber, blue once a unit goes; a test
 * alarm is purple with a dashed ring (and its label says TEST), never mistaken for an emergency.
 */
export function alarmMarkerStyle(a: AlarmView): L.CircleMarkerOptions {
  if (a.flags.test) return { radius: 8, color: '#5b2a86', weight: 3, dashArray: '3 3', fillColor: '#b18ad6', fillOpacity: 0.9 };
  const color = a.state === 'new' ? '#d10000' : a.state === 'acknowledged' ? '#d97a00' : a.state === 'dispatched' ? '#1f5fbf' : '#666';
  return { radius: a.state === 'new' ? 10 : 8, color: '#ffffff', weight: 2, fillColor: color, fillOpacity: 0.95 };
}

/** A marker's label: the client (or pendant), and TEST (the same word in Dutch) for a test alarm. */
export function alarmMarkerLabel(a: AlarmView): string {
  const name = a.dossier?.clientName ?? a.deviceId;
  return a.flags.test ? `TEST · ${name}` : name;
}

/** A tooltip's content as a DOM node holding text: Leaflet would read a string as HTML. */
export function textNode(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
