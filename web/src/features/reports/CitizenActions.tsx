import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { reporterHeaders } from './reporterKey';

interface Props {
  report: Report;
  /** Called with the updated report, or with null when the server answered without one. */
  onUpdated: (report: Report | null) => void;
}

function asReport(value: unknown): Report | null {
  return value && typeof value === 'object' && 'code' in value && 'timeline' in value ? (value as Report) : null;
}

const STARS = [1, 2, 3, 4, 5] as const;

export function CitizenActions({ report, onUpdated }: Props) {
  const t = useT();
  const { user } = useAuth();
  const location = useLocation();
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<MessageKey | null>(null);
  const [reopenReason, setReopenReason] = useState('');
  const [stars, setStars] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');
  const ab = report.abilities;
  const base = `/api/v1/reports/${encodeURIComponent(report.code)}`;
  const headers = reporterHeaders(report.code);

  const act = async (method: 'post' | 'del', suffix: string, body?: unknown, message: MessageKey = 'report.done') => {
    setDone(null);
    const res = await run(() =>
      method === 'del' ? api.del<unknown>(base + suffix, { headers }) : api.post<unknown>(base + suffix, body, { headers }),
    );
    if (res.ok) {
      setDone(message);
      onUpdated(asReport(res.value));
    }
    return res.ok;
  };

  const any = ab.follow || ab.unfollow || ab.support || ab.reopen || ab.rate || ab.withdraw;
  const showSignIn = !user && !ab.follow && report.state !== 'closed';
  if (!any && !showSignIn) return null;

  return (
    <section className="section actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('report.actions')}</h2>
      {report.following && <p>{t('report.following')}</p>}
      <div className="row">
        {ab.follow && (
          <button type="button" className="btn" disabled={busy} onClick={() => act('post', '/follow')}>
            {t('report.follow')}
          </button>
        )}
        {ab.unfollow && (
          <button type="button" className="btn" disabled={busy} onClick={() => act('del', '/follow')}>
            {t('report.unfollow')}
          </button>
        )}
        {ab.support && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => act('post', '/support', {}, 'report.supported')}
          >
            {t('report.support')}
          </button>
        )}
      </div>
      {showSignIn && (
        <p>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('report.signInToFollow')}</Link>
        </p>
      )}

      {ab.rate && (
        <form
          className="form subform"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (stars === null) return;
            void act('post', '/rating', comment.trim() ? { stars, comment: comment.trim() } : { stars });
          }}
        >
          <h3>{t('report.rate')}</h3>
          <fieldset className="stars">
            <legend>{t('report.rateLegend')}</legend>
            {STARS.map((n) => (
              <label key={n} className="stars__option">
                <input
                  type="radio"
                  name="stars"
                  value={n}
                  required
                  checked={stars === n}
                  onChange={() => setStars(n)}
                />
                <span aria-hidden="true" className="stars__icons">
                  {'★'.repeat(n)}
                </span>{' '}
                {t(`report.star${n}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <Field id="rate-comment" label={t('report.rateComment')} optional>
            {(a) => (
              <textarea {...a} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
            )}
          </Field>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('report.rateSubmit')}
          </button>
        </form>
      )}

      {ab.reopen && (
        <form
          className="form subform"
          onSubmit={async (e: FormEvent) => {
            e.preventDefault();
            if (!reopenReason.trim()) return;
            if (await act('post', '/reopen', { reason: reopenReason.trim() })) setReopenReason('');
          }}
        >
          <h3>{t('report.reopen')}</h3>
          <Field id="reopen-reason" label={t('report.reopenReason')} hint={t('report.reopenHint')} required>
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={reopenReason}
                onChange={(e) => setReopenReason(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn" disabled={busy}>
            {t('report.reopen')}
          </button>
        </form>
      )}

      {ab.withdraw && (
        <div className="subform">
          {!withdrawOpen ? (
            <button type="button" className="btn btn--danger-quiet" onClick={() => setWithdrawOpen(true)}>
              {t('report.withdraw')}
            </button>
          ) : (
            <form
              className="form"
              onSubmit={async (e: FormEvent) => {
                e.preventDefault();
                const body = withdrawReason.trim() ? { reason: withdrawReason.trim() } : {};
                if (await act('post', '/withdraw', body)) setWithdrawOpen(false);
              }}
            >
              <h3>{t('report.withdraw')}</h3>
              <p className="note">{t('report.withdrawWarn')}</p>
              <Field id="withdraw-reason" label={t('report.withdrawReason')} optional>
                {(a) => (
                  <textarea
                    {...a}
                    rows={2}
                    value={withdrawReason}
                    onChange={(e) => setWithdrawReason(e.target.value)}
                  />
                )}
              </Field>
              <div className="row">
                <button type="submit" className="btn btn--danger" disabled={busy}>
                  {t('report.withdrawConfirm')}
                </button>
                <button type="button" className="btn" onClick={() => setWithdrawOpen(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          )}
        </div>
      )}

      <p role="status" className="status">
        {done ? t(done) : ''}
      </p>
      <ErrorBox error={error} />
    </section>
  );
}
