import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import { CLOSE_REASONS } from '../../../app/types';

/** What staff may choose when closing: withdrawing is the reporter's own act. */
const STAFF_CLOSE_REASONS = CLOSE_REASONS.filter((r) => r !== 'withdrawn');
import type { CloseReason } from '../../../app/types';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function CloseAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const errs = fieldErrors(error);
  const isDuplicate = reason === 'duplicate';
  return (
    <ActionForm
      id="close"
      title={t('staff.close')}
      submitLabel={t('staff.close')}
      busy={busy}
      error={error}
      danger
      onSubmit={() =>
        void send('close', {
          reason,
          note: note.trim(),
          ...(isDuplicate ? { duplicate_of: duplicateOf.trim().toUpperCase() } : {}),
        })
      }
    >
      <Field id="close-reason" label={t('staff.closeReason')} required error={errs.reason}>
        {(a) => (
          <select {...a} value={reason} onChange={(e) => setReason(e.target.value as CloseReason | '')}>
            <option value="">{t('common.choose')}</option>
            {STAFF_CLOSE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`close.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isDuplicate && (
        <Field id="close-duplicate" label={t('staff.duplicateOf')} required hint={t('track.codeHint')} error={errs.duplicate_of}>
          {(a) => (
            <input {...a} autoComplete="off" value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
          )}
        </Field>
      )}
      <Field id="close-note" label={t('staff.note')} required error={errs.note}>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
