import { useState } from 'react';
import { fieldErrors } from '../../../../app/api';
import { useT } from '../../../../i18n';
import { Field } from '../../../../ui/Field';
import { ActionForm } from '../../../staff/actions/ActionForm';
import { useLabels } from '../../labels';
import { FINDINGS } from '../../types';
import type { Finding } from '../../types';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

export function FindingAction(props: CaseActionProps) {
  const t = useT();
  const labels = useLabels();
  const { busy, error, send } = useCaseAction(props);
  const [finding, setFinding] = useState<Finding | ''>('');
  const [report, setReport] = useState('');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="finding"
      title={t('integrity.act.finding')}
      submitLabel={t('integrity.act.findingGo')}
      busy={busy}
      error={error}
      disabled={!finding || !report.trim()}
      onSubmit={() => void send('finding', { finding, report_text: report.trim() })}
    >
      <fieldset className="radios">
        <legend>{t('integrity.act.findingResult')}</legend>
        {FINDINGS.map((f) => (
          <label key={f}>
            <input type="radio" name="finding" value={f} checked={finding === f} onChange={() => setFinding(f)} />
            {labels.finding(f)}
          </label>
        ))}
      </fieldset>
      <Field id="finding-report" label={t('integrity.act.report')} hint={t('integrity.act.reportHint')} required error={errs.report_text}>
        {(a) => <textarea {...a} rows={6} value={report} onChange={(e) => setReport(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
