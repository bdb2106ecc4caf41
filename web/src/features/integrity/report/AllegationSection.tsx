import { useT } from '../../../i18n';
import { AgencySelect } from '../../../ui/AgencySelect';
import { Field } from '../../../ui/Field';
import { useLabels } from '../labels';
import { ALLEGATION_KINDS } from '../types';
import { WHAT_MAX } from './complaint';
import type { ComplaintValues } from './complaint';

interface Props {
  value: ComplaintValues;
  onChange: (patch: Partial<ComplaintValues>) => void;
  errors: Record<string, string>;
}

export function WhoSection({ value, onChange, errors }: Props) {
  const t = useT();
  return (
    <fieldset className="section">
      <legend>
        <h2>{t('integrity.new.who')}</h2>
      </legend>
      <p className="field__hint">{t('integrity.new.whoHint')}</p>
      <Field id="agency_code" label={t('integrity.new.agency')} required error={errors.agency_code}>
        {(a) => <AgencySelect {...a} value={value.agency_code} onChange={(code) => onChange({ agency_code: code })} />}
      </Field>
      <Field id="unit" label={t('integrity.new.unit')} optional hint={t('integrity.new.unitHint')} error={errors.unit}>
        {(a) => <input {...a} maxLength={200} autoComplete="off" value={value.unit} onChange={(e) => onChange({ unit: e.target.value })} />}
      </Field>
      <Field id="position" label={t('integrity.new.position')} optional hint={t('integrity.new.positionHint')} error={errors.position}>
        {(a) => (
          <input {...a} maxLength={200} autoComplete="off" value={value.position} onChange={(e) => onChange({ position: e.target.value })} />
        )}
      </Field>
    </fieldset>
  );
}

export function WhatSection({ value, onChange, errors }: Props) {
  const t = useT();
  const labels = useLabels();
  return (
    <fieldset className="section">
      <legend>
        <h2>{t('integrity.new.whatTitle')}</h2>
      </legend>
      <Field id="allegation_kind" label={t('integrity.new.kind')} optional hint={t('integrity.new.kindHint')} error={errors.allegation_kind}>
        {(a) => (
          <select {...a} value={value.allegation_kind} onChange={(e) => onChange({ allegation_kind: e.target.value })}>
            <option value="">{t('integrity.new.kindUnsure')}</option>
            {ALLEGATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {labels.kind(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="what"
        label={t('integrity.new.what')}
        required
        error={errors.what}
        hint={
          <>
            {t('integrity.new.whatHint')}{' '}
            <span className="counter">{t('new.counter', { n: value.what.length, max: WHAT_MAX })}</span>
          </>
        }
      >
        {(a) => <textarea {...a} rows={8} maxLength={WHAT_MAX} value={value.what} onChange={(e) => onChange({ what: e.target.value })} />}
      </Field>
      <Field id="when_text" label={t('integrity.new.when')} optional hint={t('integrity.new.whenHint')} error={errors.when_text}>
        {(a) => <input {...a} maxLength={200} autoComplete="off" value={value.when_text} onChange={(e) => onChange({ when_text: e.target.value })} />}
      </Field>
      <Field id="where_text" label={t('integrity.new.where')} optional hint={t('integrity.new.whereHint')} error={errors.where_text}>
        {(a) => (
          <input {...a} maxLength={500} autoComplete="off" value={value.where_text} onChange={(e) => onChange({ where_text: e.target.value })} />
        )}
      </Field>
      <Field id="amount_baht" label={t('integrity.new.amount')} optional hint={t('integrity.new.amountHint')} error={errors.amount_baht}>
        {(a) => (
          <input
            {...a}
            inputMode="decimal"
            autoComplete="off"
            maxLength={20}
            value={value.amount}
            onChange={(e) => onChange({ amount: e.target.value })}
          />
        )}
      </Field>
      <Field id="contract_ref" label={t('integrity.new.contract')} optional hint={t('integrity.new.contractHint')} error={errors.contract_ref}>
        {(a) => (
          <input {...a} maxLength={200} autoComplete="off" value={value.contract_ref} onChange={(e) => onChange({ contract_ref: e.target.value })} />
        )}
      </Field>
    </fieldset>
  );
}
