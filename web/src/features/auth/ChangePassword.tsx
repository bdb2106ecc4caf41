import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';

/** Change my password; the server ends every other session of the account. */
export function ChangePassword() {
  const t = useT();
  const [form, setForm] = useState({ current_password: '', new_password: '' });
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const res = await run(() => api.post('/api/v1/auth/password', form));
    if (res.ok) {
      setForm({ current_password: '', new_password: '' });
      setDone(true);
    }
  };

  return (
    <section className="section" aria-labelledby="change-password">
      <form className="form subform" onSubmit={submit}>
        <h2 id="change-password">{t('password.title')}</h2>
        <Field id="pw-current" label={t('password.current')} required error={errs.current_password}>
          {(a) => <input {...a} type="password" autoComplete="current-password" value={form.current_password} onChange={(e) => setForm({ ...form, current_password: e.target.value })} />}
        </Field>
        <Field id="pw-new" label={t('password.new')} required error={errs.new_password} hint={t('password.hint')}>
          {(a) => <input {...a} type="password" autoComplete="new-password" minLength={8} maxLength={256} value={form.new_password} onChange={(e) => setForm({ ...form, new_password: e.target.value })} />}
        </Field>
        <ErrorBox error={error} />
        <p role="status" className="status">{done ? t('password.changed') : ''}</p>
        <button type="submit" className="btn btn--primary" disabled={busy}>{t('password.submit')}</button>
      </form>
    </section>
  );
}
