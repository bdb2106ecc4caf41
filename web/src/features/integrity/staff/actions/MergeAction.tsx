import { useState } from 'react';
import { useT } from '../../../../i18n';
import { Field } from '../../../../ui/Field';
import type { CaseActionProps } from '../useCaseAction';
import { TextAction } from './TextAction';

export function MergeAction(props: CaseActionProps) {
  const t = useT();
  const [into, setInto] = useState('');
  return (
    <TextAction
      {...props}
      id="merge"
      suffix="merge"
      field="reason"
      title={t('integrity.act.merge')}
      label={t('staff.reason')}
      submitLabel={t('integrity.act.merge')}
      danger
      extra={() => ({ into_case_number: into.trim().toUpperCase() })}
    >
      <p className="field__hint">{t('integrity.act.mergeHint')}</p>
      <Field id="merge-into" label={t('integrity.act.mergeInto')} required>
        {(a) => <input {...a} autoComplete="off" value={into} onChange={(e) => setInto(e.target.value)} />}
      </Field>
    </TextAction>
  );
}
