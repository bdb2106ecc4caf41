import { useEffect, useState } from 'react';
import { api, qs, toApiError } from '../../app/api';
import type { ApiError } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { errorText } from '../../ui/ErrorBox';
import { useDebounced } from '../../ui/hooks';
import type { DistrictRef, ResolvedPlace } from './types';

interface Props {
  district: DistrictRef | null;
  /** The place names typed so far, as one line. */
  q: string;
  pin: { lat: number; lng: number } | null;
}

/**
 * Where the report will be placed, said honestly: "approximate: the middle of the
 * district" from names, or the pin (and a warning when the pin is in another
 * district). Announced politely as it changes.
 */
export function PlacePreview({ district, q, pin }: Props) {
  const t = useT();
  const { lang } = useLang();
  const query = useDebounced(district ? qs({ district: district.code, q: q.trim(), lat: pin?.lat, lng: pin?.lng }) : '', 300);
  const [place, setPlace] = useState<ResolvedPlace | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setPlace(null);
    setError(null);
    if (!query) return;
    const ac = new AbortController();
    setLoading(true);
    api.get<{ place: ResolvedPlace }>(`/api/v1/callcentre/places${query}`, { signal: ac.signal }).then(
      (r) => {
        setPlace(r.place);
        setLoading(false);
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [query]);

  return (
    <div className="place-preview" aria-live="polite" data-testid="place-result">
      {loading && !place && <p className="note">{t('callcentre.resolving')}</p>}
      {error && <p className="field__error">{errorText(error, t)}</p>}
      {place && (
        <p className={`place${place.district_mismatch ? ' place--outside' : ''}`} data-precision={place.precision}>
          <strong>{t(`callcentre.precision.${place.precision}`)}</strong> — {lang === 'th' ? place.note_th : place.note_en}
        </p>
      )}
    </div>
  );
}
