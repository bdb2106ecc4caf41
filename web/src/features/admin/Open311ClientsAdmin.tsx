import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';
import { formatDateTime } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi } from '../../ui/hooks';

const CLIENTS = '/api/v1/admin/open311/clients';

interface Open311Client {
  id: string;
  name: string;
  key_prefix: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  requests: number;
}

interface IssuedKey {
  id: string;
  name: string;
  api_key: string;
  key_prefix: string;
  created_at: string;
}

/** Open311 API clients: issue a key (shown once, with a copy button), see use, revoke. */
export function Open311ClientsAdmin() {
  const t = useT();
  const { lang } = useLang();
  const { data, error: listError, loading, reload } = useApi<{ items: Open311Client[] }>(CLIENTS);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [status, setStatus] = useState('');
  const { busy, error, run } = useAction();
  const errs = fieldErrors(error);
  const keyBox = useRef<HTMLDivElement>(null);

  // The key appears once: take focus there so keyboard and screen-reader users find it.
  useEffect(() => {
    if (issued) keyBox.current?.focus();
  }, [issued]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    const res = await run(() => api.post<IssuedKey>(CLIENTS, { name: name.trim() }));
    if (res.ok) {
      setIssued(res.value);
      setName('');
      reload();
    }
  };

  const revoke = async (c: Open311Client) => {
    if (!window.confirm(t('open311.confirmRevoke', { name: c.name }))) return;
    setStatus('');
    const res = await run(() => api.del(`${CLIENTS}/${c.id}`));
    if (res.ok) {
      if (issued?.id === c.id) setIssued(null);
      setStatus(t('open311.revoked', { name: c.name }));
      reload();
    }
  };

  return (
    <section className="section" aria-labelledby="admin-open311">
      <h2 id="admin-open311">{t('open311.title')}</h2>
      <p>{t('open311.lead')}</p>
      <ErrorBox error={listError} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <p>{t('open311.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-open311-caption">
          <table className="table">
            <caption id="admin-open311-caption">{t('open311.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('open311.name')}</th>
                <th scope="col">{t('open311.keyPrefix')}</th>
                <th scope="col">{t('open311.createdAt')}</th>
                <th scope="col">{t('open311.createdBy')}</th>
                <th scope="col">{t('open311.lastUsed')}</th>
                <th scope="col">{t('open311.requests')}</th>
                <th scope="col">{t('open311.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <code>{c.key_prefix}…</code>
                  </td>
                  <td>{formatDateTime(c.created_at, lang)}</td>
                  <td>{c.created_by ?? t('open311.createdByCli')}</td>
                  <td>{c.last_used_at ? formatDateTime(c.last_used_at, lang) : t('open311.neverUsed')}</td>
                  <td>{c.requests.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')}</td>
                  <td>
                    {c.revoked_at ? (
                      t('open311.revokedAt', { date: formatDateTime(c.revoked_at, lang) })
                    ) : (
                      <>
                        {t('open311.active')}{' '}
                        <button type="button" className="btn btn--small" disabled={busy} onClick={() => void revoke(c)} aria-label={t('open311.revokeLabel', { name: c.name })}>
                          {t('open311.revoke')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" className="status">
        {status}
      </p>

      {issued && (
        <div className="keep-link" ref={keyBox} tabIndex={-1} role="region" aria-labelledby="open311-new-key">
          <h3 id="open311-new-key">{t('open311.newKeyTitle', { name: issued.name })}</h3>
          <p>{t('open311.newKeyWarning')}</p>
          <label htmlFor="open311-key">{t('open311.keyLabel')}</label>
          <input id="open311-key" readOnly value={issued.api_key} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
          <p>
            <CopyButton text={issued.api_key} label={t('open311.copyKey')} />{' '}
            <button type="button" className="btn btn--small" onClick={() => setIssued(null)}>
              {t('open311.hideKey')}
            </button>
          </p>
        </div>
      )}

      <form className="form subform" onSubmit={submit}>
        <h3>{t('open311.create')}</h3>
        <Field id="open311-name" label={t('open311.name')} required error={errs.name} hint={t('open311.nameHint')}>
          {(a) => <input {...a} maxLength={100} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <ErrorBox error={error} />
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('open311.create')}
        </button>
      </form>
    </section>
  );
}
