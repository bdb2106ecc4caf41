import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import type { IdentityValues } from './complaint';

interface Props {
  value: IdentityValues;
  onChange: (patch: Partial<IdentityValues>) => void;
  errors: Record<string, string>;
}

/** Optional. Stored apart and encrypted; shown to an investigator only if the person allows it and a custodian approves. */
export function IdentitySection({ value, onChange, errors }: Props) {
  const t = useT();
  return (
    <fieldset className="section">
      <legend>
        <h2>{t('integrity.new.identity')}</h2>
      </legend>
      <p className="note">{t('integrity.new.identityNote')}</p>
      <Field id="identity_name" label={t('integrity.new.name')} optional error={errors.identity_name}>
        {(a) => <input {...a} maxLength={200} autoComplete="off" value={value.name} onChange={(e) => onChange({ name: e.target.value })} />}
      </Field>
      <Field id="identity_phone" label={t('integrity.new.phone')} optional error={errors.identity_phone}>
        {(a) => (
          <input {...a} type="tel" maxLength={30} autoComplete="off" value={value.phone} onChange={(e) => onChange({ phone: e.target.value })} />
        )}
      </Field>
      <Field id="identity_email" label={t('integrity.new.email')} optional error={errors.identity_email}>
        {(a) => (
          <input {...a} type="email" maxLength={254} autoComplete="off" value={value.email} onChange={(e) => onChange({ email: e.target.value })} />
        )}
      </Field>
      <div className="field field--check">
        <input
          id="identity_may_disclose"
          type="checkbox"
          checked={value.may_disclose}
          aria-describedby="identity_may_disclose-hint"
          onChange={(e) => onChange({ may_disclose: e.target.checked })}
        />
        <label htmlFor="identity_may_disclose">{t('integrity.new.mayDisclose')}</label>
      </div>
      <p className="field__hint" id="identity_may_disclose-hint">
        {t('integrity.new.mayDiscloseHint')}
      </p>
    </fieldset>
  );
}
