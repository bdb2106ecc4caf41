import { useEffect, useState } from 'react';
import { useT } from '../i18n';

interface Props {
  id: string;
  label: string;
  hint?: string;
  files: File[];
  onChange: (files: File[]) => void;
  max?: number;
  error?: string | null;
  required?: boolean;
}

/** Image file input with previews. Refuses more than `max` files here; the server still checks. */
export function PhotoPicker({ id, label, hint, files, onChange, max = 4, error, required }: Props) {
  const t = useT();
  const [tooMany, setTooMany] = useState(false);
  const [urls, setUrls] = useState<string[]>([]);

  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [files]);

  const shownError = tooMany ? t('new.photosTooMany') : error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shownError ? `${id}-error` : undefined;

  return (
    <div className={`field${shownError ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        <span className="field__mark"> {required ? t('common.required') : t('common.optional')}</span>
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        multiple
        disabled={files.length >= max}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={shownError ? true : undefined}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []);
          e.target.value = ''; // let the same file be picked again after removing it
          if (picked.length === 0) return;
          if (files.length + picked.length > max) {
            setTooMany(true);
            return;
          }
          setTooMany(false);
          onChange([...files, ...picked]);
        }}
      />
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint} ({files.length}/{max})
        </p>
      )}
      {shownError && (
        <p className="field__error" id={errorId} role="alert">
          {shownError}
        </p>
      )}
      {files.length > 0 && (
        <ul className="previews">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}-${i}`}>
              {urls[i] && <img src={urls[i]} alt={t('new.photoAlt', { n: i + 1 })} />}
              <button
                type="button"
                className="btn btn--small"
                onClick={() => {
                  setTooMany(false);
                  onChange(files.filter((_, j) => j !== i));
                }}
              >
                {t('common.remove')}
                <span className="visually-hidden"> {t('new.photoN', { n: i + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
