import { Link } from 'react-router-dom';
import { useLang, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/date';
import { useApi } from '../../ui/hooks';
import { formatSatang } from '../../ui/money';

interface ProposalItem {
  id?: unknown;
  title?: unknown;
  state?: unknown;
  total_satang?: unknown;
  updated_at?: unknown;
}

const KNOWN_STATES = ['draft', 'submitted', 'under_review', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'withdrawn'];

/** Another module answers this list; take only fields that have the expected shape. */
function itemsOf(data: unknown): Array<{ id: string; title: string; state: string; satang: string | null; updated: string | null }> {
  const raw = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown })?.items) ? (data as { items: unknown[] }).items : [];
  return (raw as ProposalItem[])
    .filter((p) => (typeof p.id === 'string' || typeof p.id === 'number') && typeof p.title === 'string')
    .map((p) => ({
      id: String(p.id),
      title: p.title as string,
      state: typeof p.state === 'string' ? p.state : '',
      satang: typeof p.total_satang === 'string' && /^-?\d+$/.test(p.total_satang) ? p.total_satang : typeof p.total_satang === 'number' ? String(Math.round(p.total_satang)) : null,
      updated: typeof p.updated_at === 'string' ? p.updated_at : null,
    }));
}

/** The community's project proposals, each linking to its own page. */
export function ProposalsPanel({ code, canWrite }: { code: string; canWrite: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, loading } = useApi<unknown>(`/api/v1/proposals?community=${encodeURIComponent(code)}`);
  const items = itemsOf(data);
  const stateText = (s: string) => (KNOWN_STATES.includes(s) ? t(`communities.proposal.state.${s}` as MessageKey) : s);
  return (
    <section className="section" aria-labelledby="community-proposals-title">
      <h2 id="community-proposals-title">{t('communities.proposals.title')}</h2>
      {canWrite && (
        <p>
          <Link className="btn btn--primary" to={`/proposals/new?community=${encodeURIComponent(code)}`}>
            {t('communities.writeProposal')}
          </Link>
        </p>
      )}
      {loading && !data && <Loading />}
      {error && <p className="field__hint">{t('communities.proposals.unavailable')}</p>}
      {data !== undefined && !error && items.length === 0 && <p>{t('communities.proposals.none')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((p) => (
            <li key={p.id}>
              <Link to={`/proposals/${encodeURIComponent(p.id)}`}>{p.title}</Link>
              {p.state && <> · <span className="badge">{stateText(p.state)}</span></>}
              {p.satang !== null && <> · {formatSatang(p.satang, lang)}</>}
              {p.updated && <> · {t('communities.proposals.updated', { date: formatDate(p.updated, lang) })}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
