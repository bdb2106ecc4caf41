import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { usePageTitle } from '../../ui/hooks';

export default function TrackPage() {
  const t = useT();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  usePageTitle(t('track.title'));
  return (
    <section className="narrow">
      <h1>{t('track.title')}</h1>
      <p>{t('track.lead')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const clean = code.trim().toUpperCase();
          if (clean) navigate(`/r/${encodeURIComponent(clean)}`);
        }}
      >
        <Field id="track-code" label={t('track.code')} hint={t('track.codeHint')} required>
          {(a) => (
            <input
              {...a}
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary">
          {t('track.go')}
        </button>
      </form>
    </section>
  );
}
