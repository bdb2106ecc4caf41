import { useState } from 'react';
import { fieldErrors } from '../../../../app/api';
import { useT } from '../../../../i18n';
import { Field } from '../../../../ui/Field';
import { ActionForm } from '../../../staff/actions/ActionForm';
import { useLabels } from '../../labels';
import { ALLEGATION_KINDS, REFER_TO, SCREEN_DECISIONS } from '../../types';
import type { ReferTo, ScreenDecision } from '../../types';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

export function ScreenAction({ kind, ...props }: CaseActionProps & { kind: string | null }) {
  const t = useT();
  const labels = useLabels();
  const { busy, error, send } = useCaseAction(props);
  const [decision, setDecision] = useState<ScreenDecision>('accept');
  const [reason, setReason] = useState('');
  const [referTo, setReferTo] = useState<ReferTo | ''>('');
  const [allegation, setAllegation] = useState(kind ?? '');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="screen"
      title={t('integrity.act.screen')}
      submitLabel={t('integrity.act.screenGo')}
      busy={busy}
      error={error}
      onSubmit={() =>
        void send('screen', {
          decision,
          reason: reason.trim(),
          ...(decision === 'refer' && referTo ? { refer_to: referTo } : {}),
          ...(allegation && allegation !== kind ? { allegation_kind: allegation } : {}),
        })
      }
    >
      <fieldset className="radios">
        <legend>{t('integrity.act.decision')}</legend>
        {SCREEN_DECISIONS.map((d) => (
          <label key={d}>
            <input type="radio" name="screen-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {t(`integrity.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      {decision === 'refer' && (
        <Field id="screen-refer" label={t('integrity.act.referTo')} required error={errs.refer_to}>
          {(a) => (
            <select {...a} value={referTo} onChange={(e) => setReferTo(e.target.value as ReferTo | '')}>
              <option value="">{t('common.choose')}</option>
              {REFER_TO.map((r) => (
                <option key={r} value={r}>
                  {labels.referTo(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="screen-kind" label={t('integrity.new.kind')} hint={t('integrity.act.kindHint')} error={errs.allegation_kind}>
        {(a) => (
          <select {...a} value={allegation} onChange={(e) => setAllegation(e.target.value)}>
            {ALLEGATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {labels.kind(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="screen-reason" label={t('staff.reason')} required error={errs.reason}>
        {(a) => <textarea {...a} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
