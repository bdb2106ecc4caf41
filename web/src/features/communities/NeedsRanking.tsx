import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/hooks';
import type { Need } from './types';

/** Open needs in rank order, each movable one place up or down; the others shift. */
export function NeedsRanking({ code, needs, onChanged }: { code: string; needs: Need[]; onChanged: () => void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const open = needs.filter((n) => n.status === 'open' && n.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const move = async (need: Need, rank: number) => {
    const res = await run(() => api.patch<Need>(`/api/v1/communities/${encodeURIComponent(code)}/needs/${need.id}`, { rank }));
    if (res.ok) onChanged();
  };
  return (
    <section className="section" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t('communities.manage.ranking')}</h2>
      <p className="field__hint">{t('communities.manage.rankingHint')}</p>
      {open.length === 0 ? (
        <p>{t('communities.needsEmpty')}</p>
      ) : (
        <ol className="need-list" aria-busy={busy}>
          {open.map((n, i) => (
            <li key={n.id} className="need">
              <div className="need__head">
                <span className="need__rank">{n.rank}</span>
                <h3>{n.title}</h3>
                <span className="rank-buttons">
                  <button type="button" className="btn btn--small" disabled={busy || i === 0} onClick={() => move(n, n.rank! - 1)}>
                    {t('communities.manage.up')}<span className="visually-hidden"> {n.title}</span>
                  </button>
                  <button type="button" className="btn btn--small" disabled={busy || i === open.length - 1} onClick={() => move(n, n.rank! + 1)}>
                    {t('communities.manage.down')}<span className="visually-hidden"> {n.title}</span>
                  </button>
                  {n.abilities.edit && (
                    <Link className="btn btn--small btn--ghost" to={`/communities/${encodeURIComponent(code)}/needs/${n.id}/edit`}>
                      {t('communities.need.edit')}<span className="visually-hidden"> {n.title}</span>
                    </Link>
                  )}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
