import { createContext, useContext } from 'react';
import type L from 'leaflet';

export const MapContext = createContext<L.Map | null>(null);

/** The Leaflet map of the enclosing MapView (layers are only rendered once it exists). */
export function useMap(): L.Map {
  const map = useContext(MapContext);
  if (!map) throw new Error('map layers must be inside <MapView>');
  return map;
}
