import { Link } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import { formatDate } from '../../ui/date';
import { formatNumber } from '../../ui/format';
import { formatSatang } from '../../ui/money';
import { quantityToInput } from './budget';
import type { Proposal } from './types';

const range = (a: string | null, b: string | null, lang: 'th' | 'en') => (a || b ? `${formatDate(a, lang)} – ${formatDate(b, lang)}` : null);

/** What the proposal says: the problem and the needs (with the reports behind them), the plan, the money. */
export function ProposalContent({ proposal: p }: { proposal: Proposal }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const none = t('proposals.page.none');
  return (
    <>
      <section className="section" aria-labelledby="pp-problem">
        <h2 id="pp-problem">{t('proposals.page.problem')}</h2>
        <p className="description">{p.problem || none}</p>
        {p.needs.length > 0 && (
          <>
            <h3>{t('proposals.page.needs')}</h3>
            <ul className="plain-list">
              {p.needs.map((n) => (
                <li key={n.id}>
                  {n.title} <span className="field__hint">({t('proposals.form.needHouseholds', { n: n.households_affected })})</span>
                  {n.reports.length > 0 && (
                    <p className="proposal-reports">
                      {t('proposals.page.needReports')}:{' '}
                      {n.reports.map((r, i) => (
                        <span key={r.code}>
                          {i > 0 && ', '}
                          <Link to={`/r/${encodeURIComponent(r.code)}`}>{r.code}</Link> ({name(r.category)})
                        </span>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="pp-plan">
        <h2 id="pp-plan">{t('proposals.page.objectives')}</h2>
        <p className="description">{p.objectives || none}</p>
        <h3>{t('proposals.page.activities')}</h3>
        {p.activities.length === 0 ? <p>{none}</p> : (
          <ol className="plain-list">
            {p.activities.map((a, i) => (
              <li key={i}>{a.title}{range(a.starts_on, a.ends_on, lang) && <span className="field__hint"> ({range(a.starts_on, a.ends_on, lang)})</span>}</li>
            ))}
          </ol>
        )}
        <dl className="facts">
          <div><dt>{t('proposals.page.beneficiaries')}</dt><dd>{p.beneficiaries || none}{p.beneficiaries_count > 0 && ` · ${t('proposals.page.beneficiariesCount', { n: formatNumber(p.beneficiaries_count, lang) })}`}</dd></div>
          <div><dt>{t('proposals.page.period')}</dt><dd>{range(p.starts_on, p.ends_on, lang) ?? none}</dd></div>
          <div><dt>{t('proposals.page.policy')}</dt><dd>{[p.strategy ? name(p.strategy) : null, p.district_policy || null].filter(Boolean).join(' · ') || none}</dd></div>
        </dl>
      </section>

      <section className="section" aria-labelledby="pp-budget">
        <h2 id="pp-budget">{t('proposals.page.budget')}</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="pp-budget-caption">
          <table className="table budget-table stack-table" data-testid="budget-table">
            <caption id="pp-budget-caption">{t('proposals.page.budgetCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('proposals.form.lineDescription')}</th>
                <th scope="col" className="num">{t('proposals.form.lineQuantity')}</th>
                <th scope="col">{t('proposals.form.lineUnit')}</th>
                <th scope="col" className="num">{t('proposals.form.lineUnitCost')}</th>
                <th scope="col" className="num">{t('proposals.form.lineAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {p.budget_lines.map((l) => (
                <tr key={l.position}>
                  <td data-label="#">{l.position}</td>
                  <td className="wrap" data-label={t('proposals.form.lineDescription')}>{l.description}</td>
                  <td className="num" data-label={t('proposals.form.lineQuantity')}>{formatNumber(Number(quantityToInput(l.quantity)), lang)}</td>
                  <td data-label={t('proposals.form.lineUnit')}>{l.unit || '—'}</td>
                  <td className="num" data-label={t('proposals.form.lineUnitCost')}>{formatSatang(l.unit_cost_satang, lang)}</td>
                  <td className="num" data-label={t('proposals.form.lineAmount')}>{formatSatang(l.amount_satang, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>{t('proposals.form.total')}</th>
                <td className="num" data-testid="proposal-total"><strong>{formatSatang(p.total_satang, lang)}</strong></td>
              </tr>
              <tr>
                <th scope="row" colSpan={2}>{t('proposals.page.inWords')}</th>
                <td colSpan={4} className="wrap" lang="th">({p.total_words_th})</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}

/** The district's decision: the review and carrying agency, the reason, or the merge. */
export function ProposalDecision({ proposal: p }: { proposal: Proposal }) {
  const t = useT();
  const name = useName();
  if (!p.review && !p.decision_reason && !p.merged_into && p.merged_from.length === 0) return null;
  return (
    <section className="section" aria-labelledby="pp-decision" data-testid="proposal-decision">
      <h2 id="pp-decision">{t('proposals.page.decision')}</h2>
      <dl className="facts facts--wide">
        {p.review && (
          <>
            <div><dt>{t('proposals.page.feasibility')}</dt><dd className="description">{p.review.feasibility}</dd></div>
            <div><dt>{t('proposals.page.costCheck')}</dt><dd className="description">{p.review.cost_check}</dd></div>
            {p.review.carrying_agency && <div><dt>{t('proposals.page.carryingAgency')}</dt><dd>{name(p.review.carrying_agency)}</dd></div>}
          </>
        )}
        {p.decision_reason && <div><dt>{t('proposals.page.reason')}</dt><dd className="description">{p.decision_reason}</dd></div>}
        {p.merged_into && (
          <div><dt>{t('proposals.page.mergedInto')}</dt><dd><Link to={`/proposals/${encodeURIComponent(p.merged_into.id)}`}>{p.merged_into.id} {p.merged_into.title}</Link></dd></div>
        )}
        {p.merged_from.length > 0 && (
          <div>
            <dt>{t('proposals.page.mergedFrom')}</dt>
            <dd>{p.merged_from.map((m, i) => <span key={m.id}>{i > 0 && ', '}<Link to={`/proposals/${encodeURIComponent(m.id)}`}>{m.id} {m.title}</Link></span>)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
