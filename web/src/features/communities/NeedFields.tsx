import { useState } from 'react';
import type { Category } from '../../app/types';
import { useT } from '../../i18n';
import { bangkokToday } from '../../ui/date';
import { Field } from '../../ui/Field';
import { NamedOptions } from '../../ui/NamedOptions';
import { useShared } from '../../ui/hooks';
import { PointPicker } from './PointPicker';

export interface NeedFormValues {
  title: string;
  description: string;
  category: string;
  place_text: string;
  households_affected: string;
  since_on: string;
  lat: string;
  lng: string;
  status: 'open' | 'resolved' | 'withdrawn';
}

interface Props {
  value: NeedFormValues;
  onChange: (v: NeedFormValues) => void;
  errors: Record<string, string>;
  maxHouseholds: number;
  editing: boolean;
}

/** What, where, how many households, since when — and, when editing, the status. */
export function NeedFields({ value, onChange, errors, maxHouseholds, editing }: Props) {
  const t = useT();
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  const [pinOpen, setPinOpen] = useState(value.lat !== '' && value.lng !== '');
  const set = (k: keyof NeedFormValues) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <Field id="need-title" label={t('communities.needForm.title')} required error={errors.title} hint={t('communities.needForm.titleHint')}>
        {(a) => <input {...a} name="title" maxLength={200} value={value.title} onChange={set('title')} />}
      </Field>
      <Field id="need-description" label={t('communities.needForm.description')} required error={errors.description} hint={t('communities.needForm.descriptionHint')}>
        {(a) => <textarea {...a} name="description" rows={5} maxLength={4000} value={value.description} onChange={set('description')} />}
      </Field>
      <Field id="need-households" label={t('communities.need.households')} required error={errors.households_affected} hint={maxHouseholds > 0 ? t('communities.needForm.householdsHint', { n: maxHouseholds }) : undefined}>
        {(a) => <input {...a} name="households_affected" type="number" min={0} max={maxHouseholds > 0 ? maxHouseholds : undefined} inputMode="numeric" value={value.households_affected} onChange={set('households_affected')} />}
      </Field>
      <Field id="need-category" label={t('communities.need.category')} optional error={errors.category}>
        {(a) => (
          <select {...a} name="category" value={value.category} onChange={set('category')}>
            <option value="">{t('communities.needForm.noCategory')}</option>
            <NamedOptions items={cats?.items} />
          </select>
        )}
      </Field>
      <Field id="need-place" label={t('communities.need.place')} optional error={errors.place_text} hint={t('communities.needForm.placeHint')}>
        {(a) => <input {...a} name="place_text" maxLength={300} value={value.place_text} onChange={set('place_text')} />}
      </Field>
      <Field id="need-since" label={t('communities.need.since')} optional error={errors.since_on} hint={t('communities.needForm.sinceHint')}>
        {(a) => <input {...a} name="since_on" type="date" max={bangkokToday()} value={value.since_on} onChange={set('since_on')} />}
      </Field>
      {editing && (
        <Field id="need-status" label={t('communities.needForm.status')} required error={errors.status}>
          {(a) => (
            <select {...a} name="status" value={value.status} onChange={set('status')}>
              <option value="open">{t('communities.need.status.open')}</option>
              <option value="resolved">{t('communities.need.status.resolved')}</option>
              <option value="withdrawn">{t('communities.need.status.withdrawn')}</option>
            </select>
          )}
        </Field>
      )}
      <div className="field field--check">
        <input id="need-pin-toggle" type="checkbox" checked={pinOpen} onChange={(e) => {
          setPinOpen(e.target.checked);
          if (!e.target.checked) onChange({ ...value, lat: '', lng: '' });
        }} />
        <label htmlFor="need-pin-toggle">{t('communities.needForm.addPin')}</label>
      </div>
      {pinOpen && (
        <PointPicker
          idPrefix="need"
          value={{ lat: value.lat, lng: value.lng }}
          onChange={(p) => onChange({ ...value, ...p })}
          errors={errors}
          hint={t('communities.needForm.pinHint')}
        />
      )}
    </>
  );
}
