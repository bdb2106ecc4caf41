import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import type { StaffPerson } from '../../../app/types';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { useApi } from '../../../ui/hooks';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function AssignAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const { data } = useApi<{ items: StaffPerson[] }>('/api/v1/staff/officers');
  const current = props.report.staff?.assignee?.id;
  const [assignee, setAssignee] = useState(current === undefined ? '' : String(current));
  const errs = fieldErrors(error);
  const officers = data?.items ?? [];
  return (
    <ActionForm
      id="assign"
      title={t('staff.assign')}
      submitLabel={t('staff.assign')}
      busy={busy}
      error={error}
      onSubmit={() => {
        const person = officers.find((o) => String(o.id) === assignee);
        void send('assign', { assignee_id: person ? person.id : null });
      }}
    >
      <Field id="assign-officer" label={t('staff.officer')} error={errs.assignee_id}>
        {(a) => (
          <select {...a} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('staff.noOne')}</option>
            {officers.map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.display_name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </ActionForm>
  );
}
