import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../app/api';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { StateBadge } from '../../ui/StateBadge';
import { useAction } from '../../ui/hooks';
import type { CallerHistory } from './types';

interface Props {
  phone: string;
  onPhone: (phone: string) => void;
  phoneError?: string;
}

/** The caller's number (focused at the start of every call) → their history, read back. */
export function CallerLookup({ phone, onPhone, phoneError }: Props) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const input = useRef<HTMLInputElement>(null);
  const [history, setHistory] = useState<CallerHistory | null>(null);
  const [empty, setEmpty] = useState(false);
  const { busy, error, run } = useAction();

  // autoFocus alone loses to the layout, which focuses the page heading after the
  // route renders; focusing once more after this render's effects settles it.
  useEffect(() => {
    const id = setTimeout(() => input.current?.focus(), 0);
    return () => clearTimeout(id);
  }, []);

  const lookup = async (e: FormEvent) => {
    e.preventDefault();
    if (!phone.trim()) {
      setEmpty(true);
      input.current?.focus();
      return;
    }
    setEmpty(false);
    const res = await run(() => api.get<CallerHistory>(`/api/v1/callcentre/callers/${encodeURIComponent(phone.trim())}`));
    setHistory(res.ok ? res.value : null);
  };

  const readback = history ? (lang === 'th' ? history.readback_th : history.readback_en) : '';
  const other = history ? (lang === 'th' ? history.readback_en : history.readback_th) : '';

  return (
    <section className="section callcentre__caller" aria-labelledby="cc-caller">
      <h2 id="cc-caller">{t('callcentre.caller')}</h2>
      <form className="callcentre__lookup" onSubmit={lookup} role="search" aria-label={t('callcentre.lookup')}>
        <Field id="cc-phone" label={t('callcentre.phone')} hint={t('callcentre.phoneHint')} error={empty ? t('callcentre.needPhone') : phoneError}>
          {(a) => (
            <input
              {...a}
              ref={input}
              // The agent's own field: autofocus is what they want at the start of each call.
              autoFocus
              type="tel"
              inputMode="tel"
              autoComplete="off"
              className="callcentre__phone"
              value={phone}
              onChange={(e) => onPhone(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('callcentre.lookingUp') : t('callcentre.lookup')}
        </button>
      </form>
      <ErrorBox error={error} />

      {/* Announced when it changes: the agent hears the sentence they are about to say. */}
      <div aria-live="polite" aria-busy={busy} data-testid="caller-readback">
        {history && (
          <div className="readback">
            <h3 className="readback__title">{t('callcentre.history', { phone: history.phone })}</h3>
            <p className="readback__label">{t('callcentre.readback')}</p>
            <p className="readback__text" lang={lang}>
              {readback}
            </p>
            <p className="readback__other" lang={lang === 'th' ? 'en' : 'th'}>
              <span className="readback__label">{t('callcentre.readbackOther')}: </span>
              {other}
            </p>
          </div>
        )}
      </div>

      {history && history.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="cc-history-caption">
          <table className="table" data-testid="caller-history">
            <caption id="cc-history-caption">
              {t('callcentre.historyTable')} · {t('callcentre.shownOf', { shown: history.items.length, total: history.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('callcentre.col.code')}</th>
                <th scope="col">{t('callcentre.col.category')}</th>
                <th scope="col">{t('callcentre.col.district')}</th>
                <th scope="col">{t('callcentre.col.state')}</th>
                <th scope="col">{t('callcentre.col.filed')}</th>
                <th scope="col">{t('callcentre.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {history.items.map((r) => (
                <tr key={r.code} data-testid="caller-report" data-code={r.code}>
                  <th scope="row" className="mono">
                    {r.code}
                  </th>
                  <td>{name(r.category)}</td>
                  <td>{r.district ? name(r.district) : '—'}</td>
                  <td>
                    <StateBadge state={r.state} />
                  </td>
                  <td>{formatDate(r.created_at, lang)}</td>
                  <td>{formatDate(r.updated_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
