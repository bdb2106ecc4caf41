import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { ActionForm } from './ActionForm';
import { AgencySelect } from '../../../ui/AgencySelect';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function InviteCoownerAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const [agency, setAgency] = useState('');
  const [note, setNote] = useState('');
  const errs = fieldErrors(error);
  const taken = [props.report.agency.code, ...props.report.coowners.map((c) => c.agency.code)];
  return (
    <ActionForm
      id="invite"
      title={t('staff.invite')}
      submitLabel={t('staff.invite')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        const ok = await send('coowners', note.trim() ? { agency_code: agency, note: note.trim() } : { agency_code: agency });
        if (ok) {
          setAgency('');
          setNote('');
        }
      }}
    >
      <Field id="invite-agency" label={t('staff.agency')} required error={errs.agency_code}>
        {(a) => <AgencySelect {...a} value={agency} onChange={setAgency} exclude={taken} />}
      </Field>
      <Field id="invite-note" label={t('staff.note')} optional error={errs.note}>
        {(a) => <textarea {...a} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
