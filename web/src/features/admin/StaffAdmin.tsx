import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import type { StaffAccount } from '../../app/types';
import { useName, useT } from '../../i18n';
import { AgencySelect } from '../../ui/AgencySelect';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi } from '../../ui/hooks';

type StaffRole = 'officer' | 'agency_admin' | 'planner' | 'agent';
const EMPTY = { email: '', display_name: '', password: '', agency_code: '', role: 'officer' as StaffRole };

export function StaffAdmin() {
  const t = useT();
  const name = useName();
  const { data, error: listError, loading, reload } = useApi<{ items: StaffAccount[] }>('/api/v1/admin/staff');
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState(false);
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(false);
    // Call-centre agents belong to no agency.
    const { agency_code, ...rest } = form;
    const body = { ...rest, email: form.email.trim(), display_name: form.display_name.trim(), ...(form.role === 'agent' ? {} : { agency_code }) };
    const res = await run(() => api.post('/api/v1/admin/staff', body));
    if (res.ok) {
      setForm(EMPTY);
      setCreated(true);
      reload();
    }
  };

  // Disabling ends the account's sessions at once on the server.
  const toggle = async (s: StaffAccount) => {
    const res = await run(() => api.patch(`/api/v1/admin/staff/${s.id}`, { disabled: !s.disabled }));
    if (res.ok) reload();
  };

  return (
    <section className="section" aria-labelledby="admin-staff">
      <h2 id="admin-staff">{t('admin.staff')}</h2>
      <ErrorBox error={listError} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-staff-caption">
          <table className="table">
            <caption id="admin-staff-caption">{t('admin.staffList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('staff.agency')}</th>
                <th scope="col">{t('admin.accountState')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.display_name}</th>
                  <td>{s.email}</td>
                  <td>{t(`admin.role.${s.role}`)}</td>
                  <td>{s.agency ? name(s.agency) : '—'}</td>
                  <td>
                    {s.disabled ? t('admin.accountDisabled') : t('admin.accountActive')}{' '}
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={busy}
                      onClick={() => void toggle(s)}
                      aria-label={`${s.disabled ? t('admin.enable') : t('admin.disable')} ${s.display_name}`}
                    >
                      {s.disabled ? t('admin.enable') : t('admin.disable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form className="form subform" onSubmit={submit}>
        <h3>{t('admin.createStaff')}</h3>
        <Field id="staff-email" label={t('admin.email')} required error={errs.email}>
          {(a) => (
            <input {...a} type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          )}
        </Field>
        <Field id="staff-name" label={t('admin.name')} required error={errs.display_name}>
          {(a) => (
            <input {...a} autoComplete="off" value={form.display_name} onChange={(e) => setForm({ ...form, display_name: e.target.value })} />
          )}
        </Field>
        <Field id="staff-password" label={t('admin.password')} required error={errs.password}>
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          )}
        </Field>
        {form.role !== 'agent' && (
          <Field id="staff-agency" label={t('staff.agency')} required error={errs.agency_code}>
            {(a) => <AgencySelect {...a} value={form.agency_code} onChange={(v) => setForm({ ...form, agency_code: v })} />}
          </Field>
        )}
        <Field id="staff-role" label={t('admin.role')} required error={errs.role}>
          {(a) => (
            <select {...a} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}>
              <option value="officer">{t('admin.role.officer')}</option>
              <option value="agency_admin">{t('admin.role.agency_admin')}</option>
              <option value="planner">{t('admin.role.planner')}</option>
              <option value="agent">{t('admin.role.agent')}</option>
            </select>
          )}
        </Field>
        <ErrorBox error={error} />
        <p role="status" className="status">
          {created ? t('admin.created') : ''}
        </p>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('admin.create')}
        </button>
      </form>
    </section>
  );
}
