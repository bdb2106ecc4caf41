import { useEffect, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction, useShared } from '../../ui/hooks';
import { ProblemSection } from '../reports/ProblemSection';
import { DistrictCombobox } from './DistrictCombobox';
import { parseCoordinate } from './districts';
import { PlacePreview } from './PlacePreview';
import type { DistrictRef, FiledReport, FollowUp } from './types';

const KNOWN_FIELDS = ['caller_name', 'district', 'subdistrict', 'road', 'landmark', 'lat', 'lng', 'category', 'description', 'follow_up', 'line_user_id'];
const LINE_USER_ID = /^U[0-9a-f]{32}$/;

interface Props {
  phone: string;
  /** The phone field lives in the lookup above; its problems are shown there. */
  onPhoneError: (message: string | undefined) => void;
  onFiled: (filed: FiledReport) => void;
}

export function FilingForm({ phone, onPhoneError, onFiled }: Props) {
  const t = useT();
  const { data: districtList } = useShared<{ items: DistrictRef[] }>('/api/v1/districts');
  const districts = districtList?.items ?? [];
  const [callerName, setCallerName] = useState('');
  const [districtText, setDistrictText] = useState('');
  const [district, setDistrict] = useState<DistrictRef | null>(null);
  const [subdistrict, setSubdistrict] = useState('');
  const [road, setRoad] = useState('');
  const [landmark, setLandmark] = useState('');
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [picked, setPicked] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUp>('none');
  const [lineUserId, setLineUserId] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();

  const serverErrors = fieldErrors(error);
  const serverPhoneError = serverErrors.caller_phone;
  useEffect(() => {
    if (serverPhoneError) onPhoneError(serverPhoneError);
  }, [serverPhoneError, onPhoneError]);
  const errors = { ...serverErrors, ...clientErrors };
  const otherErrors = Object.entries(serverErrors).filter(([k]) => !KNOWN_FIELDS.includes(k)).map(([, m]) => m);
  const pinLat = parseCoordinate(lat, 90);
  const pinLng = parseCoordinate(lng, 180);
  const pin = pinLat !== null && pinLng !== null ? { lat: pinLat, lng: pinLng } : null;
  const placeQuery = [subdistrict && `แขวง${subdistrict.replace(/^แขวง\s*/u, '')}`, road, landmark && `ใกล้${landmark.replace(/^ใกล้\s*/u, '')}`].filter(Boolean).join(' ');

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!district) e.district = districtText.trim() ? t('callcentre.unknownDistrict') : t('callcentre.needDistrict');
    if (lat.trim() || lng.trim()) {
      if (pinLat === null && lat.trim()) e.lat = t('callcentre.badCoord');
      if (pinLng === null && lng.trim()) e.lng = t('callcentre.badCoord');
      if (!lat.trim() || !lng.trim()) e[lat.trim() ? 'lng' : 'lat'] = t('callcentre.pinPair');
    }
    if (!description.trim()) e.description = t('new.needDescription');
    if (!category) e.category = t('new.needCategory');
    if (followUp === 'line' && !LINE_USER_ID.test(lineUserId.trim())) e.line_user_id = t('callcentre.needLine');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const phoneMissing = !phone.trim();
    onPhoneError(phoneMissing ? t('callcentre.needPhone') : undefined);
    const e = validate();
    setClientErrors(e);
    if (phoneMissing) {
      document.getElementById('cc-phone')?.focus();
      return;
    }
    if (Object.keys(e).length > 0 || !district) {
      const first = Object.keys(e)[0] ?? 'district';
      (document.getElementById(`cc-${first}`) ?? document.getElementById(first))?.focus();
      return;
    }
    const text = (s: string) => (s.trim() ? s.trim() : undefined);
    const body = {
      caller_phone: phone.trim(),
      caller_name: text(callerName),
      district: district.code,
      subdistrict: text(subdistrict),
      road: text(road),
      landmark: text(landmark),
      ...(pin ? pin : {}),
      category,
      description: description.trim(),
      follow_up: followUp,
      line_user_id: followUp === 'line' ? lineUserId.trim() : undefined,
    };
    const res = await run(() => api.post<FiledReport>('/api/v1/callcentre/reports', body));
    if (res.ok) onFiled(res.value);
  };

  // Ctrl+Enter files from anywhere in the form. A plain Enter in a one-line field does
  // not: half-typed reports are not sent by reflex (the district list uses Enter itself).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    } else if (e.target instanceof HTMLInputElement) {
      e.preventDefault();
    }
  };

  const clear = (name: string) => clientErrors[name] && setClientErrors(({ [name]: _gone, ...rest }) => rest);

  return (
    <section className="section callcentre__file" aria-labelledby="cc-file">
      <h2 id="cc-file">{t('callcentre.newReport')}</h2>
      <form className="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby="cc-file">
        <Field id="cc-caller_name" label={t('callcentre.callerName')} optional error={errors.caller_name}>
          {(a) => <input {...a} autoComplete="off" maxLength={100} value={callerName} onChange={(e) => setCallerName(e.target.value)} />}
        </Field>

        <fieldset className="section">
          <legend>
            <h3>{t('callcentre.where')}</h3>
          </legend>
          <div className="callcentre__grid">
            <Field id="cc-district" label={t('callcentre.district')} required hint={t('callcentre.districtHint')} error={errors.district}>
              {(a) => (
                <DistrictCombobox
                  {...a}
                  districts={districts}
                  text={districtText}
                  onChange={(value, d) => {
                    setDistrictText(value);
                    setDistrict(d);
                    if (d) clear('district');
                  }}
                />
              )}
            </Field>
            <Field id="cc-subdistrict" label={t('callcentre.subdistrict')} optional error={errors.subdistrict}>
              {(a) => <input {...a} autoComplete="off" maxLength={100} value={subdistrict} onChange={(e) => setSubdistrict(e.target.value)} />}
            </Field>
            <Field id="cc-road" label={t('callcentre.road')} optional error={errors.road}>
              {(a) => <input {...a} autoComplete="off" maxLength={150} value={road} onChange={(e) => setRoad(e.target.value)} />}
            </Field>
            <Field id="cc-landmark" label={t('callcentre.landmark')} optional error={errors.landmark}>
              {(a) => <input {...a} autoComplete="off" maxLength={200} value={landmark} onChange={(e) => setLandmark(e.target.value)} />}
            </Field>
          </div>
          <fieldset className="callcentre__pin">
            <legend>{t('callcentre.pin')}</legend>
            <div className="grid-2">
              <Field id="cc-lat" label={t('callcentre.lat')} error={errors.lat}>
                {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={lat} onChange={(e) => { setLat(e.target.value); clear('lat'); }} />}
              </Field>
              <Field id="cc-lng" label={t('callcentre.lng')} error={errors.lng}>
                {(a) => <input {...a} inputMode="decimal" autoComplete="off" value={lng} onChange={(e) => { setLng(e.target.value); clear('lng'); }} />}
              </Field>
            </div>
          </fieldset>
          <PlacePreview district={district} q={placeQuery} pin={pin} />
        </fieldset>

        <ProblemSection
          description={description}
          onDescription={(d) => {
            setDescription(d);
            clear('description');
          }}
          category={category}
          picked={picked}
          onCategory={(code, byPerson) => {
            setCategory(code);
            setPicked(byPerson);
            clear('category');
          }}
          errors={errors}
        />

        <fieldset className="section radios" aria-describedby={errors.follow_up ? 'cc-follow-error' : undefined}>
          <legend>{t('callcentre.followUp')}</legend>
          {(['none', 'sms', 'line'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="follow_up" value={option} checked={followUp === option} onChange={() => setFollowUp(option)} />
              {t(`callcentre.followUp.${option}`)}
            </label>
          ))}
          {errors.follow_up && (
            <p className="field__error" id="cc-follow-error">
              {errors.follow_up}
            </p>
          )}
          {followUp === 'line' && (
            <Field id="cc-line_user_id" label={t('callcentre.lineUserId')} required hint={t('callcentre.lineUserIdHint')} error={errors.line_user_id}>
              {(a) => (
                <input
                  {...a}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={40}
                  value={lineUserId}
                  onChange={(e) => {
                    setLineUserId(e.target.value);
                    clear('line_user_id');
                  }}
                />
              )}
            </Field>
          )}
        </fieldset>

        <ErrorBox error={error} title={t('callcentre.fixErrors')} extra={otherErrors} focus />
        <button type="submit" className="btn btn--primary btn--large" disabled={busy} aria-keyshortcuts="Control+Enter">
          {busy ? t('callcentre.submitting') : t('callcentre.submit')} <span className="callcentre__keys">{t('callcentre.submitKeys')}</span>
        </button>
      </form>
    </section>
  );
}
