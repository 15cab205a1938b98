import type { AlarmView } from '@aware/protocol';
import type L from 'leaflet';

/** How an alarm looks on the map: red while nobody acknowledged it, amber, blue once a unit goes. */
export function alarmMarkerStyle(a: AlarmView): L.CircleMarkerOptions {
  const color = a.state === 'new' ? '#d10000' : a.state === 'acknowledged' ? '#d97a00' : a.state === 'dispatched' ? '#1f5fbf' : '#666';
  return { radius: a.state === 'new' ? 10 : 8, color: '#ffffff', weight: 2, fillColor: color, fillOpacity: 0.95 };
}

/** A tooltip's content as a DOM node holding text: Leaflet would read a string as HTML. */
export function textNode(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
