import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import type { Category } from '../../../app/types';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { NamedOptions } from '../../../ui/NamedOptions';
import { useShared } from '../../../ui/hooks';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function RecategorizeAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  const [category, setCategory] = useState('');
  const [reason, setReason] = useState('');
  const errs = fieldErrors(error);
  const others = (cats?.items ?? []).filter((c) => c.code !== props.report.category.code);
  return (
    <ActionForm
      id="recategorize"
      title={t('staff.recategorize')}
      submitLabel={t('staff.recategorize')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        if (await send('category', { category_code: category, reason: reason.trim() })) {
          setCategory('');
          setReason('');
        }
      }}
    >
      <Field id="recat-category" label={t('staff.newCategory')} required error={errs.category_code}>
        {(a) => (
          <select {...a} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            <NamedOptions items={others} />
          </select>
        )}
      </Field>
      <Field id="recat-reason" label={t('staff.reason')} required error={errs.reason}>
        {(a) => <textarea {...a} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
