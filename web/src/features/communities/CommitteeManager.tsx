import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fieldErrors } from '../../app/api';
import { useLang, useName, useT } from '../../i18n';
import { CopyButton } from '../../ui/CopyButton';
import { bangkokToday, formatDate } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi } from '../../ui/hooks';
import { POSITIONS } from './types';
import type { CommitteeMember, Position } from './types';

interface AccountAnswer {
  member: CommitteeMember;
  account: { email: string; created: boolean; password: string | null };
}

/** The server takes terms starting at most ten years back and ending at most ten ahead (Gregorian years). */
const thisYear = () => Number(bangkokToday().slice(0, 4));

function termDefaults(): { term_start: string; term_end: string } {
  const year = new Date().getFullYear();
  return { term_start: `${year}-01-01`, term_end: `${year + 1}-12-31` };
}

/** District staff: the committee's seats, new members, early ends and sign-in accounts. */
export function CommitteeManager({ code, onChanged }: { code: string; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const base = `/api/v1/communities/${encodeURIComponent(code)}/committee`;
  const { data, error: listError, loading, reload } = useApi<{ items: CommitteeMember[] }>(base);
  const [form, setForm] = useState({ full_name: '', position: 'member' as Position, ...termDefaults() });
  const [accountFor, setAccountFor] = useState<string | null>(null);
  const [endFor, setEndFor] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [issued, setIssued] = useState<AccountAnswer | null>(null);
  const add = useAction();
  const act = useAction();
  const addErrs = fieldErrors(add.error);
  const actErrs = fieldErrors(act.error);

  const changed = () => {
    reload();
    onChanged();
  };

  const submitMember = async (e: FormEvent) => {
    e.preventDefault();
    const res = await add.run(() => api.post<CommitteeMember>(base, form));
    if (res.ok) {
      setForm({ full_name: '', position: 'member', ...termDefaults() });
      changed();
    }
  };

  const giveAccount = async (e: FormEvent, memberId: string) => {
    e.preventDefault();
    const res = await act.run(() => api.post<AccountAnswer>(`${base}/${memberId}/account`, { email }));
    if (res.ok) {
      setIssued(res.value);
      setAccountFor(null);
      setEmail('');
      changed();
    }
  };

  const endSeat = async (e: FormEvent, memberId: string) => {
    e.preventDefault();
    const res = await act.run(() => api.post<CommitteeMember>(`${base}/${memberId}/end`, reason.trim() ? { reason: reason.trim() } : {}));
    if (res.ok) {
      setEndFor(null);
      setReason('');
      changed();
    }
  };

  return (
    <section className="section" aria-labelledby="manage-committee-title">
      <h2 id="manage-committee-title">{t('communities.committee')}</h2>
      {issued && (
        <div className="note" role="status">
          {issued.account.password ? (
            <>
              <p>{t('communities.manage.accountCreated', { name: issued.member.full_name, email: issued.account.email })}</p>
              <p>
                {t('communities.manage.password')} <span className="password-once" data-testid="one-time-password">{issued.account.password}</span>{' '}
                <CopyButton text={issued.account.password} label={t('communities.manage.copyPassword')} />
              </p>
              <p>
                <strong>{t('communities.manage.passwordOnce')}</strong>
              </p>
            </>
          ) : (
            <p>{t('communities.manage.accountLinked', { name: issued.member.full_name, email: issued.account.email })}</p>
          )}
        </div>
      )}
      <ErrorBox error={listError} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="seats-caption">
          <table className="table">
            <caption id="seats-caption">{t('communities.manage.seats')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('communities.manage.fullName')}</th>
                <th scope="col">{t('communities.manage.position')}</th>
                <th scope="col">{t('communities.manage.termCol')}</th>
                <th scope="col">{t('communities.manage.account')}</th>
                <th scope="col">{t('communities.manage.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.full_name}</th>
                  <td>{name(m.position)}</td>
                  <td>
                    {formatDate(m.term_start, lang)} – {formatDate(m.term_end, lang)}
                    {!m.current && <> ({m.ended_at ? t('communities.manage.ended') : t('communities.termOver')})</>}
                  </td>
                  <td>{m.has_account ? t('communities.manage.hasAccount') : t('communities.manage.noAccount')}</td>
                  <td>
                    {m.current && !m.has_account && accountFor !== m.id && (
                      <button type="button" className="btn btn--small" onClick={() => { setAccountFor(m.id); setEndFor(null); act.setError(null); }}>
                        {t('communities.manage.giveAccount')}<span className="visually-hidden"> {m.full_name}</span>
                      </button>
                    )}
                    {accountFor === m.id && (
                      <form className="form" onSubmit={(e) => giveAccount(e, m.id)}>
                        <Field id={`account-email-${m.id}`} label={t('communities.manage.email', { name: m.full_name })} required error={actErrs.email}>
                          {(a) => <input {...a} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
                        </Field>
                        <div className="row">
                          <button type="submit" className="btn btn--primary btn--small" disabled={act.busy}>{t('communities.manage.createAccount')}</button>
                          <button type="button" className="btn btn--ghost btn--small" onClick={() => setAccountFor(null)}>{t('common.cancel')}</button>
                        </div>
                      </form>
                    )}
                    {!m.ended_at && endFor !== m.id && (
                      <button type="button" className="btn btn--small btn--danger-quiet" onClick={() => { setEndFor(m.id); setAccountFor(null); act.setError(null); }}>
                        {t('communities.manage.endSeat')}<span className="visually-hidden"> {m.full_name}</span>
                      </button>
                    )}
                    {endFor === m.id && (
                      <form className="form" onSubmit={(e) => endSeat(e, m.id)}>
                        <Field id={`end-reason-${m.id}`} label={t('communities.manage.endReason')} optional error={actErrs.reason}>
                          {(a) => <input {...a} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
                        </Field>
                        <div className="row">
                          <button type="submit" className="btn btn--danger btn--small" disabled={act.busy}>{t('communities.manage.confirmEnd')}</button>
                          <button type="button" className="btn btn--ghost btn--small" onClick={() => setEndFor(null)}>{t('common.cancel')}</button>
                        </div>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox error={act.error} />

      <form className="form subform" onSubmit={submitMember}>
        <h3>{t('communities.manage.addMember')}</h3>
        <Field id="member-name" label={t('communities.manage.fullName')} required error={addErrs.full_name}>
          {(a) => <input {...a} maxLength={150} value={form.full_name} onChange={(e) => setForm({ ...form, full_name: e.target.value })} />}
        </Field>
        <Field id="member-position" label={t('communities.manage.position')} required error={addErrs.position}>
          {(a) => (
            <select {...a} value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value as Position })}>
              {POSITIONS.map((p) => (
                <option key={p} value={p}>{t(`communities.position.${p}`)}</option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid-2">
          <Field id="member-term-start" label={t('communities.manage.termStart')} required error={addErrs.term_start}>
            {(a) => <input {...a} type="date" min={`${thisYear() - 10}-01-01`} value={form.term_start} onChange={(e) => setForm({ ...form, term_start: e.target.value })} />}
          </Field>
          <Field id="member-term-end" label={t('communities.manage.termEnd')} required error={addErrs.term_end}>
            {(a) => <input {...a} type="date" max={`${thisYear() + 10}-12-31`} value={form.term_end} onChange={(e) => setForm({ ...form, term_end: e.target.value })} />}
          </Field>
        </div>
        <ErrorBox error={add.error} />
        <button type="submit" className="btn btn--primary" disabled={add.busy}>{t('communities.manage.addMemberButton')}</button>
      </form>
    </section>
  );
}
