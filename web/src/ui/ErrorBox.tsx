import { useEffect, useRef } from 'react';
import type { ApiError } from '../app/api';
import { useT } from '../i18n';
import type { Translate } from '../i18n';

export function errorText(error: ApiError, t: Translate): string {
  if (error.problem?.detail) return error.problem.detail;
  if (error.problem?.title) return error.problem.title;
  if (error.status === 0) return t('error.network');
  if (error.status === 404) return t('error.notFound');
  return t('error.generic', { status: error.status });
}

interface Props {
  error: ApiError | null | undefined;
  title?: string;
  onRetry?: () => void;
  /** Move focus to the message (after a failed submit) so screen readers hear it. */
  focus?: boolean;
  /** Field errors that are not shown next to a field. */
  extra?: string[];
}

export function ErrorBox({ error, title, onRetry, focus, extra }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  return (
    <div className="error-box" role="alert" ref={ref} tabIndex={-1}>
      {title && <p className="error-box__title">{title}</p>}
      <p>{errorText(error, t)}</p>
      {extra && extra.length > 0 && (
        <ul>
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
