import { useState } from 'react';
import { fieldErrors } from '../../../../app/api';
import { useT } from '../../../../i18n';
import { Field } from '../../../../ui/Field';
import { ActionForm } from '../../../staff/actions/ActionForm';
import { useLabels } from '../../labels';
import { LINK_TYPES } from '../../types';
import type { LinkType } from '../../types';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

export function LinkAction(props: CaseActionProps) {
  const t = useT();
  const labels = useLabels();
  const { busy, error, send } = useCaseAction(props);
  const [type, setType] = useState<LinkType>('report');
  const [ref, setRef] = useState('');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="link"
      title={t('integrity.act.link')}
      submitLabel={t('integrity.act.link')}
      busy={busy}
      error={error}
      disabled={!ref.trim()}
      onSubmit={async () => {
        if (await send('links', { type, ref: ref.trim() })) setRef('');
      }}
    >
      <Field id="link-type" label={t('integrity.act.linkType')} required error={errs.type}>
        {(a) => (
          <select {...a} value={type} onChange={(e) => setType(e.target.value as LinkType)}>
            {LINK_TYPES.map((l) => (
              <option key={l} value={l}>
                {labels.linkType(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="link-ref" label={t('integrity.act.linkRef')} hint={t('integrity.act.linkRefHint')} required error={errs.ref}>
        {(a) => <input {...a} autoComplete="off" value={ref} onChange={(e) => setRef(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
