import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { clientConfigStore } from '../../app/client-config-store.js';
import { useT } from '../../i18n/i18n.js';
import { useStore } from '../../stores/use-store.js';
import { MapContext } from './map-context.js';

/** The province of Utrecht, where the map starts before it has anything to show. */
const START: L.LatLngExpression = [52.09, 5.12];

/**
 * The map: one Leaflet map created when this mounts and removed when it unmounts, never re-created on
 * render. Vector layers draw on one canvas (`preferCanvas`), so thousands of markers stay smooth. The
 * tile layer comes from the configured URL; when tiles cannot be loaded (no network, no tile server) the
 * map stays usable on a plain background and says so: positions, trail and accuracy are vectors.
 * Children are layers (`map/layers/*`) that render nothing and draw on the map through `useMap()`.
 */
export function MapView({ children, className, label }: { children?: ReactNode; className?: string; label: string }) {
  const { t } = useT();
  const { tileUrl, tileAttribution } = useStore(clientConfigStore);
  const element = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [tiles, setTiles] = useState<{ loaded: boolean; failed: boolean }>({ loaded: false, failed: tileUrl === null });

  useEffect(() => {
    const m = L.map(element.current!, { preferCanvas: true, center: START, zoom: 10, zoomControl: true });
    m.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false }).addTo(m);
    if (tileUrl) {
      const layer = L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: 19 });
      layer.on('tileload', () => setTiles((s) => (s.loaded ? s : { ...s, loaded: true })));
      layer.on('tileerror', () => setTiles((s) => (s.failed ? s : { ...s, failed: true })));
      layer.addTo(m);
    }
    setMap(m);
    return () => {
      m.remove();
      setMap(null);
    };
  }, [tileUrl, tileAttribution]);

  return (
    <div className={`map-view ${className ?? ''}`}>
      <div ref={element} className="map-canvas" role="region" aria-label={label} />
      {tiles.failed && !tiles.loaded && <div className="map-notice">{t('map.noTiles')}</div>}
      <MapContext.Provider value={map}>{map && children}</MapContext.Provider>
    </div>
  );
}
