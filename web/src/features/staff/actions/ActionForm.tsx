import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../../../app/api';
import { ErrorBox } from '../../../ui/ErrorBox';

interface Props {
  id: string;
  title: string;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: () => void;
  disabled?: boolean;
  danger?: boolean;
  children?: ReactNode;
}

/** One staff action: a titled form with its own submit button and error message. */
export function ActionForm({ id, title, submitLabel, busy, error, onSubmit, disabled, danger, children }: Props) {
  return (
    <form
      className="action-card"
      aria-labelledby={`${id}-title`}
      data-testid={`action-${id}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
      <ErrorBox error={error} />
      <button type="submit" className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`} disabled={busy || disabled}>
        {submitLabel}
      </button>
    </form>
  );
}
