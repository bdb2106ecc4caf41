// Leaflet map used by the report form (pin picking) and the public list (markers).
// District outlines are a vector layer from our own API, so the map is useful even
// when no tile server is configured or tiles fail to load.
import { useEffect, useRef, useState } from 'react';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection } from 'geojson';
import type { AppConfig, ReportState } from '../../app/types';
import { getShared } from '../hooks';
import type { Lang } from '../../i18n';

export interface MapMarker {
  id: string;
  lat: number;
  lng: number;
  label: string;
  state: ReportState;
  href: string;
}

export interface CityMapProps {
  ariaLabel: string;
  lang: Lang;
  markers?: MapMarker[];
  pin?: { lat: number; lng: number } | null;
  onPick?: (lat: number, lng: number) => void;
  onOpen?: (href: string) => void;
  openLabel?: string;
}

const BANGKOK: L.LatLngTuple = [13.7563, 100.5018];
const STATE_COLOURS: Record<ReportState, string> = {
  received: '#1d4ed8',
  in_progress: '#b45309',
  fixed: '#047857',
  closed: '#4b5563',
};

export default function CityMap({ ariaLabel, lang, markers, pin, onPick, onOpen, openLabel }: CityMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerLayer = useRef<L.LayerGroup | null>(null);
  const outlineLayer = useRef<L.GeoJSON | null>(null);
  const pinRef = useRef<L.CircleMarker | null>(null);
  const [outlinesReady, setOutlinesReady] = useState(false);
  // Handlers change on every render; keep the latest in refs so the map is built once.
  const onPickRef = useRef(onPick);
  const onOpenRef = useRef(onOpen);
  onPickRef.current = onPick;
  onOpenRef.current = onOpen;

  useEffect(() => {
    if (!el.current) return;
    const map = L.map(el.current, { center: BANGKOK, zoom: 11, minZoom: 9, maxZoom: 19 });
    mapRef.current = map;
    markerLayer.current = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => onPickRef.current?.(e.latlng.lat, e.latlng.lng));
    let live = true;

    getShared<AppConfig>('/api/v1/config')
      .then((cfg) => {
        if (!live || !cfg.tile_url) return;
        L.tileLayer(cfg.tile_url, {
          attribution: cfg.tile_attribution ?? '',
          maxZoom: 19,
        }).addTo(map);
      })
      .catch(() => undefined);

    getShared<FeatureCollection>('/api/v1/districts/geojson')
      .then((fc) => {
        if (!live) return;
        outlineLayer.current = L.geoJSON(fc, {
          style: { color: '#0b5a3a', weight: 1.2, opacity: 0.8, fillColor: '#0b5a3a', fillOpacity: 0.04 },
        }).addTo(map);
        outlineLayer.current.bringToBack();
        setOutlinesReady(true);
      })
      .catch(() => undefined);

    return () => {
      live = false;
      map.remove();
      mapRef.current = null;
      markerLayer.current = null;
      outlineLayer.current = null;
      pinRef.current = null;
    };
  }, []);

  // District names on hover follow the UI language.
  useEffect(() => {
    const layer = outlineLayer.current;
    if (!layer) return;
    layer.eachLayer((l) => {
      const props = (l as L.Layer & { feature?: Feature }).feature?.properties as
        | { name_th?: string; name_en?: string }
        | undefined;
      const name = lang === 'th' ? props?.name_th : props?.name_en;
      if (name) (l as L.Path).unbindTooltip().bindTooltip(name, { sticky: true });
    });
  }, [lang, outlinesReady]);

  useEffect(() => {
    const map = mapRef.current;
    const layer = markerLayer.current;
    if (!map || !layer) return;
    layer.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const m of markers ?? []) {
      const ll: L.LatLngTuple = [m.lat, m.lng];
      points.push(ll);
      const popup = document.createElement('div');
      const title = document.createElement('p');
      title.textContent = m.label; // text, never HTML: descriptions come from the public
      const link = document.createElement('a');
      link.href = m.href;
      link.textContent = openLabel ?? m.id;
      link.addEventListener('click', (ev) => {
        if (onOpenRef.current) {
          ev.preventDefault();
          onOpenRef.current(m.href);
        }
      });
      popup.append(title, link);
      L.circleMarker(ll, {
        radius: 8,
        color: '#ffffff',
        weight: 2,
        fillColor: STATE_COLOURS[m.state],
        fillOpacity: 0.95,
      })
        .bindPopup(popup)
        .addTo(layer);
    }
    // Zoom no closer than a few streets, so district outlines still give context.
    if (points.length > 0) map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 14 });
  }, [markers, openLabel]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!pin) {
      pinRef.current?.remove();
      pinRef.current = null;
      return;
    }
    const ll = L.latLng(pin.lat, pin.lng);
    if (!pinRef.current) {
      pinRef.current = L.circleMarker(ll, {
        radius: 11,
        color: '#ffffff',
        weight: 3,
        fillColor: '#b91c1c',
        fillOpacity: 1,
        interactive: false,
      }).addTo(map);
    } else {
      pinRef.current.setLatLng(ll);
    }
    // Zoom in on the first pin so it can be fine-tuned; afterwards only keep it in view.
    if (map.getZoom() < 15) map.setView(ll, 16);
    else if (!map.getBounds().contains(ll)) map.panTo(ll);
  }, [pin?.lat, pin?.lng]);

  return (
    <div className="map" role="region" aria-label={ariaLabel}>
      <div ref={el} className="map__canvas" />
    </div>
  );
}
