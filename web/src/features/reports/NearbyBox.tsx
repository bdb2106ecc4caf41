import { useNavigate } from 'react-router-dom';
import { api, qs } from '../../app/api';
import type { ReportSummary } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction, useApi } from '../../ui/hooks';
import { StateBadge } from '../../ui/StateBadge';
import { formatDate } from '../../ui/date';
import type { Pin } from './LocationSection';

/** "Already reported?": open reports of the same category within 250 m of the pin. */
export function NearbyBox({ pin, category }: { pin: Pin | null; category: string }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const navigate = useNavigate();
  const path =
    pin && category
      ? `/api/v1/reports/nearby${qs({ lat: pin.lat, lng: pin.lng, category })}`
      : null;
  const { data } = useApi<{ items: ReportSummary[] }>(path);
  const { busy, error, run } = useAction();

  if (!path || !data) return null;
  return (
    <section className="section nearby" aria-labelledby="nearby-title">
      <h2 id="nearby-title">{t('nearby.title')}</h2>
      <p className="field__hint">{t('nearby.lead')}</p>
      {data.items.length === 0 ? (
        <p>{t('nearby.none')}</p>
      ) : (
        <ul className="cards">
          {data.items.map((r) => (
            <li key={r.code} className="card">
              <p className="card__meta">
                <StateBadge state={r.state} /> <span>{name(r.category)}</span>
                {r.distance_m !== undefined && (
                  <span>
                    {' · '}
                    {t('nearby.away', { d: t('common.meters', { n: Math.round(r.distance_m) }) })}
                  </span>
                )}
              </p>
              <p className="card__text">{r.description}</p>
              <p className="card__meta">
                {r.code} · {formatDate(r.created_at, lang)} · {t('list.supports', { n: r.support_count })}
              </p>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={async () => {
                  const res = await run(() => api.post(`/api/v1/reports/${encodeURIComponent(r.code)}/support`));
                  if (res.ok) navigate(`/r/${encodeURIComponent(r.code)}`);
                }}
              >
                {t('nearby.support')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
