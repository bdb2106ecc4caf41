import { useState } from 'react';
import { useLang, useT } from '../../i18n';
import { formatBytes } from './labels';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;

interface Props {
  id: string;
  label: string;
  files: File[];
  onChange: (files: File[]) => void;
  max?: number;
  error?: string | null;
}

/** Any kind of file (documents, photos, recordings), checked for count and size here; the server checks again. */
export function EvidencePicker({ id, label, files, onChange, max = MAX_EVIDENCE_FILES, error }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error ?? null;
  const hintId = `${id}-hint`;
  const errorId = shown ? `${id}-error` : undefined;

  return (
    <div className={`field${shown ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        <span className="field__mark"> {t('common.optional')}</span>
      </label>
      <input
        id={id}
        type="file"
        multiple
        disabled={files.length >= max}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        aria-invalid={shown ? true : undefined}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (picked.length === 0) return;
          const big = picked.find((f) => f.size > MAX_EVIDENCE_BYTES);
          if (big) return setProblem(t('integrity.evidence.tooBig', { name: big.name }));
          if (files.length + picked.length > max) return setProblem(t('integrity.evidence.tooMany', { max }));
          setProblem(null);
          onChange([...files, ...picked]);
        }}
      />
      <p className="field__hint" id={hintId}>
        {t('integrity.evidence.hint', { max })} ({files.length}/{max})
      </p>
      {shown && (
        <p className="field__error" id={errorId} role="alert">
          {shown}
        </p>
      )}
      {files.length > 0 && (
        <ul className="ig-files">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}-${i}`}>
              <span className="ig-files__name">{f.name}</span> <span className="ig-files__size">{formatBytes(f.size, lang)}</span>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => {
                  setProblem(null);
                  onChange(files.filter((_, j) => j !== i));
                }}
              >
                {t('common.remove')}
                <span className="visually-hidden"> {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
