import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

const STATUSES = ['in_progress', 'done', 'declined'] as const;
type Status = (typeof STATUSES)[number];

export function CoownerStatusAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const [status, setStatus] = useState<Status | ''>('');
  const [note, setNote] = useState('');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="coowner-status"
      title={t('staff.coownerStatus')}
      submitLabel={t('common.save')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        if (!status) return;
        if (await send('coowner-status', note.trim() ? { status, note: note.trim() } : { status })) setNote('');
      }}
    >
      <Field id="coowner-status-select" label={t('staff.status')} required error={errs.status}>
        {(a) => (
          <select {...a} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('common.choose')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`coowner.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="coowner-status-note" label={t('staff.note')} optional error={errs.note}>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
