import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { ActionForm } from './ActionForm';
import { AgencySelect } from '../../../ui/AgencySelect';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function ForwardAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="forward"
      title={t('staff.forward')}
      submitLabel={t('staff.forward')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        if (await send('forward', { agency_code: agency, reason: reason.trim() })) setReason('');
      }}
    >
      <Field id="forward-agency" label={t('staff.agency')} required error={errs.agency_code}>
        {(a) => <AgencySelect {...a} value={agency} onChange={setAgency} exclude={[props.report.agency.code]} />}
      </Field>
      <Field id="forward-reason" label={t('staff.reason')} required error={errs.reason}>
        {(a) => <textarea {...a} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
