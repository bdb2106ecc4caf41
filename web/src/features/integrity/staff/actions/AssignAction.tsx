import { useState } from 'react';
import { fieldErrors } from '../../../../app/api';
import { useT } from '../../../../i18n';
import { Field } from '../../../../ui/Field';
import { ErrorBox } from '../../../../ui/ErrorBox';
import { useApi } from '../../../../ui/hooks';
import { ActionForm } from '../../../staff/actions/ActionForm';
import type { Person } from '../../types';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

/** Assigning needs a declaration of no conflict of interest with the named agency. */
export function AssignAction(props: CaseActionProps) {
  const t = useT();
  const { busy, error, send } = useCaseAction(props);
  // People from the agency this case names are left out by the server.
  const { data, error: listError } = useApi<{ items: Person[] }>(`/api/v1/integrity/staff/investigators?case=${encodeURIComponent(props.caseNumber)}`);
  const [userId, setUserId] = useState('');
  const [noConflict, setNoConflict] = useState(false);
  const [statement, setStatement] = useState('');
  const errs = fieldErrors(error);
  const people = data?.items ?? [];
  return (
    <ActionForm
      id="assign"
      title={t('integrity.act.assign')}
      submitLabel={t('integrity.act.assign')}
      busy={busy}
      error={error}
      disabled={!userId || !noConflict}
      onSubmit={() => {
        const person = people.find((p) => String(p.id) === userId);
        if (person) void send('assign', { user_id: person.id, declaration: { no_conflict: true, statement: statement.trim() } });
      }}
    >
      <Field id="assign-user" label={t('integrity.act.investigator')} required error={errs.user_id}>
        {(a) => (
          <select {...a} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {people.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.display_name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorBox error={listError} title={t('integrity.act.noInvestigators')} />
      <div className="field field--check">
        <input id="assign-no-conflict" type="checkbox" checked={noConflict} onChange={(e) => setNoConflict(e.target.checked)} />
        <label htmlFor="assign-no-conflict">{t('integrity.act.noConflict')}</label>
      </div>
      <Field id="assign-statement" label={t('integrity.act.statement')} hint={t('integrity.act.statementHint')} required error={errs.declaration}>
        {(a) => <textarea {...a} rows={2} value={statement} onChange={(e) => setStatement(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
