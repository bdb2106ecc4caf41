import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrors } from '../../app/api';
import { safeNext, useAuth } from '../../app/auth';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction, usePageTitle } from '../../ui/hooks';

export default function LoginPage() {
  const t = useT();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);
  usePageTitle(t('auth.loginTitle'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await run(() => login(identifier.trim(), password));
    if (res.ok) navigate(next, { replace: true });
  };

  return (
    <section className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <p>{t('auth.why')}</p>
      <form className="form" onSubmit={submit}>
        <Field id="identifier" label={t('auth.identifier')} required error={errs.identifier}>
          {(a) => (
            <input
              {...a}
              name="identifier"
              autoComplete="username"
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
            />
          )}
        </Field>
        <Field id="password" label={t('auth.password')} required error={errs.password}>
          {(a) => (
            <input
              {...a}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorBox error={error} focus />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('auth.login')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')}{' '}
        <Link to={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('auth.signup')}</Link>
      </p>
    </section>
  );
}
