import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import type { LocateResult } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { CityMap } from '../../ui/map';

export interface Pin {
  lat: number;
  lng: number;
}

export function parseCoord(value: string, limit: number): number | null {
  const n = Number(value.trim().replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit) return null;
  return n;
}

interface Props {
  lat: string;
  lng: string;
  address: string;
  pin: Pin | null;
  settledPin: Pin | null;
  onCoords: (lat: string, lng: string) => void;
  onAddress: (address: string) => void;
  errors: Record<string, string>;
}

function useLocate(pin: Pin | null) {
  const [result, setResult] = useState<LocateResult | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setResult(null);
    if (!pin) return;
    const ac = new AbortController();
    setLoading(true);
    api
      .get<LocateResult>(`/api/v1/locate?lat=${pin.lat}&lng=${pin.lng}`, { signal: ac.signal })
      .then(setResult, () => undefined)
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [pin?.lat, pin?.lng]);
  return { result, loading };
}

export function LocationSection({ lat, lng, address, pin, settledPin, onCoords, onAddress, errors }: Props) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const [geoState, setGeoState] = useState<'idle' | 'busy' | 'failed' | 'unsupported'>('idle');
  const { result, loading } = useLocate(settledPin);

  const locateMe = () => {
    if (!('geolocation' in navigator)) {
      setGeoState('unsupported');
      return;
    }
    setGeoState('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeoState('idle');
        onCoords(pos.coords.latitude.toFixed(6), pos.coords.longitude.toFixed(6));
      },
      () => setGeoState('failed'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  let placeText = t('new.pinNeeded');
  let outside = false;
  if (pin && loading) placeText = t('new.checkingDistrict');
  else if (pin && result?.inside) placeText = t('new.district', { name: name(result.district) });
  else if (pin && result && !result.inside) {
    placeText = lang === 'th' ? result.message_th : result.message_en;
    outside = true;
  } else if (pin) placeText = `${pin.lat.toFixed(5)}, ${pin.lng.toFixed(5)}`;

  return (
    <fieldset className="section">
      <legend>
        <h2>{t('new.where')}</h2>
      </legend>
      <p className="field__hint" id="map-hint">
        {t('new.mapHint')}
      </p>
      <CityMap
        ariaLabel={t('new.mapLabel')}
        lang={lang}
        pin={pin}
        onPick={(la, ln) => onCoords(la.toFixed(6), ln.toFixed(6))}
      />
      <div className="row">
        <button type="button" className="btn" onClick={locateMe} disabled={geoState === 'busy'}>
          {geoState === 'busy' ? t('new.locating') : t('new.useMyLocation')}
        </button>
        <p className={`place${outside ? ' place--outside' : ''}`} role="status" data-testid="locate-result">
          {placeText}
        </p>
      </div>
      {(geoState === 'failed' || geoState === 'unsupported') && (
        <p className="field__error" role="alert">
          {geoState === 'failed' ? t('new.geoFailed') : t('new.geoUnsupported')}
        </p>
      )}
      <div className="grid-2">
        <Field id="lat" label={t('new.lat')} required error={errors.lat} hint={t('new.coordHint')}>
          {(a) => (
            <input
              {...a}
              name="lat"
              inputMode="decimal"
              autoComplete="off"
              value={lat}
              onChange={(e) => onCoords(e.target.value, lng)}
            />
          )}
        </Field>
        <Field id="lng" label={t('new.lng')} required error={errors.lng}>
          {(a) => (
            <input
              {...a}
              name="lng"
              inputMode="decimal"
              autoComplete="off"
              value={lng}
              onChange={(e) => onCoords(lat, e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field id="address" label={t('new.address')} optional hint={t('new.addressHint')} error={errors.address}>
        {(a) => (
          <input
            {...a}
            name="address"
            maxLength={300}
            autoComplete="street-address"
            value={address}
            onChange={(e) => onAddress(e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
