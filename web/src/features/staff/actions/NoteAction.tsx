import { useState } from 'react';
import { fieldErrors } from '../../../app/api';
import { useT } from '../../../i18n';
import { Field } from '../../../ui/Field';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

type Visibility = 'public' | 'internal';

export function NoteAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  const [text, setText] = useState('');
  // Internal by default: a note only becomes public when the officer says so.
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id="note"
      title={t('staff.addNote')}
      submitLabel={t('staff.addNote')}
      busy={busy}
      error={error}
      onSubmit={async () => {
        if (await send('notes', { text: text.trim(), visibility })) setText('');
      }}
    >
      <Field id="note-text" label={t('staff.noteText')} required error={errs.text}>
        {(a) => <textarea {...a} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <fieldset className="radios">
        <legend>{t('staff.visibility')}</legend>
        {(['internal', 'public'] as const).map((v) => (
          <label key={v}>
            <input
              type="radio"
              name="note-visibility"
              value={v}
              checked={visibility === v}
              onChange={() => setVisibility(v)}
            />{' '}
            {t(v === 'public' ? 'staff.public' : 'staff.internal')}
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
