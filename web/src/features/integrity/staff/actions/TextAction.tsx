import { useState } from 'react';
import type { ReactNode } from 'react';
import { fieldErrors } from '../../../../app/api';
import { Field } from '../../../../ui/Field';
import { ActionForm } from '../../../staff/actions/ActionForm';
import { useCaseAction } from '../useCaseAction';
import type { CaseActionProps } from '../useCaseAction';

interface Props extends CaseActionProps {
  id: string;
  suffix: string;
  field: string;
  title: string;
  label: string;
  hint?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  rows?: number;
  /** Extra fields sent with the text (e.g. merge target). */
  extra?: (text: string) => Record<string, unknown>;
  children?: ReactNode;
}

/** An action that is one required text: a question, a note, a reason to close or reopen. */
export function TextAction({ id, suffix, field, title, label, hint, submitLabel, danger, rows = 3, extra, children, ...props }: Props) {
  const { busy, error, send } = useCaseAction(props);
  const [text, setText] = useState('');
  const errs = fieldErrors(error);
  return (
    <ActionForm
      id={id}
      title={title}
      submitLabel={submitLabel}
      busy={busy}
      error={error}
      danger={danger}
      disabled={!text.trim()}
      onSubmit={async () => {
        if (await send(suffix, { [field]: text.trim(), ...(extra ? extra(text.trim()) : {}) })) setText('');
      }}
    >
      {children}
      <Field id={`${id}-text`} label={label} hint={hint} required error={errs[field]}>
        {(a) => <textarea {...a} rows={rows} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
