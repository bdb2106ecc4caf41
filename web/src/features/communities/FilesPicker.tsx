import { useState } from 'react';
import { useT } from '../../i18n';

const MAX_FILES = 5;

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  error?: string;
}

/** Photos and PDF documents as evidence; the server checks each file by its bytes. */
export function FilesPicker({ files, onChange, error }: Props) {
  const t = useT();
  const [tooMany, setTooMany] = useState(false);
  const shown = tooMany ? t('communities.needForm.tooManyFiles', { n: MAX_FILES }) : error;
  return (
    <div className={`field${shown ? ' field--error' : ''}`}>
      <label htmlFor="need-files">
        {t('communities.needForm.files')}
        <span className="field__mark"> {t('common.optional')}</span>
      </label>
      <input
        id="need-files"
        type="file"
        accept="image/*,application/pdf"
        multiple
        disabled={files.length >= MAX_FILES}
        aria-describedby={['need-files-hint', shown ? 'need-files-error' : ''].filter(Boolean).join(' ')}
        aria-invalid={shown ? true : undefined}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length + picked.length > MAX_FILES) {
            setTooMany(true);
            return;
          }
          setTooMany(false);
          onChange([...files, ...picked]);
        }}
      />
      <p className="field__hint" id="need-files-hint">
        {t('communities.needForm.filesHint', { n: MAX_FILES })} ({files.length}/{MAX_FILES})
      </p>
      {shown && (
        <p className="field__error" id="need-files-error" role="alert">
          {shown}
        </p>
      )}
      {files.length > 0 && (
        <ul className="plain-list">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${i}`}>
              {f.name}{' '}
              <button type="button" className="btn btn--small" onClick={() => onChange(files.filter((_, j) => j !== i))}>
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
