import { lazy, Suspense } from 'react';
import type { CityMapProps } from './CityMap';
import { Loading } from '../Loading';

export type { MapMarker } from './CityMap';

// Leaflet is only fetched on pages that show a map.
const CityMapLazy = lazy(() => import('./CityMap'));

export function CityMap(props: CityMapProps) {
  return (
    <Suspense
      fallback={
        <div className="map map--loading">
          <Loading />
        </div>
      }
    >
      <CityMapLazy {...props} />
    </Suspense>
  );
}
