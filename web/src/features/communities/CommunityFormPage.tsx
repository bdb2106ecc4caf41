import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, fieldErrors } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Agency, Named } from '../../app/types';
import { useLang, useT } from '../../i18n';
import { bangkokToday } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { NamedOptions } from '../../ui/NamedOptions';
import { useAction, useApi, usePageTitle, useShared } from '../../ui/hooks';
import { wholeNumber } from './numbers';
import { coordinate, PointPicker } from './PointPicker';
import { COMMUNITY_KINDS, communityName } from './types';
import type { CommunityDetail, CommunityKind } from './types';

interface Form {
  district_code: string;
  name_th: string;
  name_en: string;
  kind: CommunityKind;
  households: string;
  population: string;
  registered_on: string;
  lat: string;
  lng: string;
}

const EMPTY: Form = { district_code: '', name_th: '', name_en: '', kind: 'urban', households: '', population: '', registered_on: '', lat: '', lng: '' };

function fromDetail(c: CommunityDetail): Form {
  return {
    district_code: String(c.district.code),
    name_th: c.name_th,
    name_en: c.name_en ?? '',
    kind: c.kind.code as CommunityKind,
    households: String(c.households),
    population: c.population === null ? '' : String(c.population),
    registered_on: c.registered_on,
    lat: String(c.location.lat),
    lng: String(c.location.lng),
  };
}

export default function CommunityFormPage() {
  const { code } = useParams();
  const editing = !!code;
  const t = useT();
  const { lang } = useLang();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { data: existing, error: loadError } = useApi<CommunityDetail>(editing ? `/api/v1/communities/${encodeURIComponent(code)}` : null);
  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const { data: agencies } = useShared<{ items: Agency[] }>('/api/v1/agencies');
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, error, run } = useAction();
  usePageTitle(editing ? t('communities.form.editTitle') : t('communities.form.newTitle'));

  // Staff register communities of their own district only; administrators anywhere.
  const ownDistrict = useMemo(() => {
    const agency = agencies?.items.find((a) => a.code === user?.agency?.code);
    return agency?.kind === 'district_office' && agency.district_code !== null ? String(agency.district_code) : null;
  }, [agencies, user]);
  const districtChoices = districts?.items.filter((d) => user?.role === 'admin' || String(d.code) === ownDistrict);

  useEffect(() => {
    if (existing) setForm(fromDetail(existing));
  }, [existing]);
  useEffect(() => {
    if (!editing && ownDistrict && !form.district_code) setForm((f) => ({ ...f, district_code: ownDistrict }));
  }, [editing, ownDistrict, form.district_code]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (editing && !existing) return <Loading />;
  const noDistrict = !editing && user?.role !== 'admin' && agencies !== undefined && ownDistrict === null;
  if ((existing && !existing.abilities.edit) || noDistrict) {
    return (
      <section className="notice">
        <h1>{t('auth.forbidden')}</h1>
        <p>{t('communities.form.onlyDistrictStaff')}</p>
      </section>
    );
  }

  const errs = fieldErrors(error);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name_th: form.name_th,
      name_en: form.name_en.trim() || null,
      kind: form.kind,
      households: wholeNumber(form.households),
      population: form.population.trim() === '' ? null : wholeNumber(form.population),
      registered_on: form.registered_on,
      lat: coordinate(form.lat, 90) ?? form.lat,
      lng: coordinate(form.lng, 180) ?? form.lng,
    };
    const result = await run(() =>
      editing
        ? api.patch<CommunityDetail>(`/api/v1/communities/${encodeURIComponent(code)}`, body)
        : api.post<CommunityDetail>('/api/v1/communities', { ...body, district_code: Number(form.district_code) }),
    );
    if (result.ok) navigate(`/communities/${encodeURIComponent(result.value.code)}`);
  };

  return (
    <section className="narrow">
      <h1>{editing && existing ? t('communities.form.editHeading', { name: communityName(existing, lang) }) : t('communities.form.newTitle')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <Field id="community-district" label={t('communities.district')} required error={errs.district_code}>
          {(a) => (
            <select {...a} value={form.district_code} onChange={set('district_code')} disabled={editing}>
              <option value="">{t('common.choose')}</option>
              <NamedOptions items={districtChoices} />
            </select>
          )}
        </Field>
        <Field id="community-name-th" label={t('communities.form.nameTh')} required error={errs.name_th} hint={t('communities.form.nameThHint')}>
          {(a) => <input {...a} lang="th" maxLength={150} value={form.name_th} onChange={set('name_th')} />}
        </Field>
        <Field id="community-name-en" label={t('communities.form.nameEn')} optional error={errs.name_en}>
          {(a) => <input {...a} lang="en" maxLength={150} value={form.name_en} onChange={set('name_en')} />}
        </Field>
        <Field id="community-kind" label={t('communities.kind')} required error={errs.kind}>
          {(a) => (
            <select {...a} value={form.kind} onChange={set('kind')}>
              {COMMUNITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`communities.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid-2">
          <Field id="community-households" label={t('communities.households')} required error={errs.households}>
            {(a) => <input {...a} type="number" min={0} inputMode="numeric" value={form.households} onChange={set('households')} />}
          </Field>
          <Field id="community-population" label={t('communities.population')} optional error={errs.population}>
            {(a) => <input {...a} type="number" min={0} inputMode="numeric" value={form.population} onChange={set('population')} />}
          </Field>
        </div>
        <Field id="community-registered-on" label={t('communities.registeredOn')} required error={errs.registered_on} hint={t('communities.form.dateHint')}>
          {(a) => <input {...a} type="date" max={bangkokToday()} value={form.registered_on} onChange={set('registered_on')} />}
        </Field>
        <fieldset className="section">
          <legend>
            <h2>{t('communities.location')}</h2>
          </legend>
          <PointPicker
            idPrefix="community"
            value={{ lat: form.lat, lng: form.lng }}
            onChange={(p) => setForm({ ...form, ...p })}
            errors={errs}
            required
            hint={t('communities.form.mapHint')}
          />
        </fieldset>
        <ErrorBox error={error} focus />
        <div className="row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {editing ? t('communities.form.saveChanges') : t('communities.form.register')}
          </button>
          <Link to={editing ? `/communities/${encodeURIComponent(code)}` : '/communities'}>{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
