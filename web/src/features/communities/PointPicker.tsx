import { useLang, useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { CityMap } from '../../ui/map';

export interface PointText {
  lat: string;
  lng: string;
}

/** A number typed as a coordinate, or null when it is not one. */
export function coordinate(value: string, limit: number): number | null {
  const n = Number(value.trim().replace(',', '.'));
  return value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit ? null : n;
}

interface Props {
  idPrefix: string;
  value: PointText;
  onChange: (value: PointText) => void;
  errors: Record<string, string>;
  required?: boolean;
  hint: string;
}

/** Pick a point on the map or type it: the two stay in step. */
export function PointPicker({ idPrefix, value, onChange, errors, required, hint }: Props) {
  const t = useT();
  const { lang } = useLang();
  const lat = coordinate(value.lat, 90);
  const lng = coordinate(value.lng, 180);
  const pin = lat !== null && lng !== null ? { lat, lng } : null;
  return (
    <div>
      <p className="field__hint" id={`${idPrefix}-map-hint`}>
        {hint}
      </p>
      <CityMap ariaLabel={t('communities.form.mapLabel')} lang={lang} pin={pin} onPick={(la, ln) => onChange({ lat: la.toFixed(6), lng: ln.toFixed(6) })} />
      <div className="grid-2">
        <Field id={`${idPrefix}-lat`} label={t('communities.form.lat')} required={required} optional={!required} error={errors.lat}>
          {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={value.lat} onChange={(e) => onChange({ ...value, lat: e.target.value })} />}
        </Field>
        <Field id={`${idPrefix}-lng`} label={t('communities.form.lng')} required={required} optional={!required} error={errors.lng}>
          {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={value.lng} onChange={(e) => onChange({ ...value, lng: e.target.value })} />}
        </Field>
      </div>
    </div>
  );
}
