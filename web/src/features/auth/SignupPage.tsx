import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrors } from '../../app/api';
import { safeNext, useAuth } from '../../app/auth';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction, usePageTitle } from '../../ui/hooks';

type Via = 'email' | 'phone';

export default function SignupPage() {
  const t = useT();
  const { signup } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [via, setVia] = useState<Via>('email');
  const [contact, setContact] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);
  usePageTitle(t('auth.signupTitle'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await run(() =>
      signup({
        ...(via === 'email' ? { email: contact.trim() } : { phone: contact.trim() }),
        password,
        display_name: displayName.trim(),
      }),
    );
    if (res.ok) navigate(next, { replace: true });
  };

  return (
    <section className="narrow">
      <h1>{t('auth.signupTitle')}</h1>
      <p>{t('auth.why')}</p>
      <form className="form" onSubmit={submit}>
        <fieldset className="radios">
          <legend>{t('auth.signupWith')}</legend>
          {(['email', 'phone'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="via"
                value={v}
                checked={via === v}
                onChange={() => {
                  setVia(v);
                  setContact('');
                }}
              />{' '}
              {t(v === 'email' ? 'auth.email' : 'auth.phone')}
            </label>
          ))}
        </fieldset>
        <Field
          id="signup-contact"
          label={t(via === 'email' ? 'auth.email' : 'auth.phone')}
          required
          error={errs[via]}
        >
          {(a) => (
            <input
              {...a}
              name={via}
              type={via === 'email' ? 'email' : 'tel'}
              autoComplete={via === 'email' ? 'email' : 'tel'}
              value={contact}
              onChange={(e) => setContact(e.target.value)}
            />
          )}
        </Field>
        <Field id="display_name" label={t('auth.displayName')} required error={errs.display_name}>
          {(a) => (
            <input
              {...a}
              name="display_name"
              autoComplete="nickname"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field id="new-password" label={t('auth.password')} required hint={t('auth.passwordHint')} error={errs.password}>
          {(a) => (
            <input
              {...a}
              minLength={8}
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorBox error={error} focus />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('auth.signup')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')}{' '}
        <Link to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('auth.login')}</Link>
      </p>
    </section>
  );
}
