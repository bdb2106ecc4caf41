import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import type { AdminAgency } from '../../app/types';
import { useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi } from '../../ui/hooks';

type Kind = 'department' | 'external';
const EMPTY = { code: '', kind: 'department' as Kind, name_th: '', name_en: '' };

/** Departments and outside bodies: add, rename, switch off. District offices come from reference data. */
export function AgenciesAdmin() {
  const t = useT();
  const name = useName();
  const { data, error: listError, loading, reload } = useApi<{ items: AdminAgency[] }>('/api/v1/admin/agencies');
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState(false);
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(false);
    const res = await run(() => api.post('/api/v1/admin/agencies', { ...form, code: form.code.trim(), name_th: form.name_th.trim(), name_en: form.name_en.trim() }));
    if (res.ok) {
      setForm(EMPTY);
      setCreated(true);
      reload();
    }
  };

  const toggle = async (a: AdminAgency) => {
    const res = await run(() => api.patch(`/api/v1/admin/agencies/${a.code}`, { active: !a.active }));
    if (res.ok) reload();
  };

  const editable = data?.items.filter((a) => a.kind !== 'district_office') ?? [];

  return (
    <section className="section" aria-labelledby="admin-agencies">
      <h2 id="admin-agencies">{t('admin.agencies')}</h2>
      <p>{t('admin.agenciesLead')}</p>
      <ErrorBox error={listError} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-agencies-caption">
          <table className="table">
            <caption id="admin-agencies-caption">{t('admin.agencyList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.agencyName')}</th>
                <th scope="col">{t('admin.agencyCode')}</th>
                <th scope="col">{t('admin.agencyKind')}</th>
                <th scope="col">{t('admin.accountState')}</th>
              </tr>
            </thead>
            <tbody>
              {editable.map((a) => (
                <tr key={a.code}>
                  <th scope="row">{name(a)}</th>
                  <td>{a.code}</td>
                  <td>{t(`admin.kind.${a.kind}`)}</td>
                  <td>
                    {a.active ? t('admin.accountActive') : t('admin.accountDisabled')}{' '}
                    <button type="button" className="btn btn--small" disabled={busy} onClick={() => void toggle(a)} aria-label={`${a.active ? t('admin.disable') : t('admin.enable')} ${name(a)}`}>
                      {a.active ? t('admin.disable') : t('admin.enable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form className="form subform" onSubmit={submit}>
        <h3>{t('admin.createAgency')}</h3>
        <Field id="agency-code" label={t('admin.agencyCode')} required error={errs.code} hint={t('admin.agencyCodeHint')}>
          {(a) => <input {...a} autoComplete="off" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />}
        </Field>
        <Field id="agency-kind" label={t('admin.agencyKind')} required error={errs.kind}>
          {(a) => (
            <select {...a} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
              <option value="department">{t('admin.kind.department')}</option>
              <option value="external">{t('admin.kind.external')}</option>
            </select>
          )}
        </Field>
        <Field id="agency-name-th" label={t('admin.agencyNameTh')} required error={errs.name_th}>
          {(a) => <input {...a} lang="th" value={form.name_th} onChange={(e) => setForm({ ...form, name_th: e.target.value })} />}
        </Field>
        <Field id="agency-name-en" label={t('admin.agencyNameEn')} required error={errs.name_en}>
          {(a) => <input {...a} lang="en" value={form.name_en} onChange={(e) => setForm({ ...form, name_en: e.target.value })} />}
        </Field>
        <ErrorBox error={error} />
        <p role="status" className="status">
          {created ? t('admin.agencyCreated') : ''}
        </p>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('admin.createAgency')}
        </button>
      </form>
    </section>
  );
}
