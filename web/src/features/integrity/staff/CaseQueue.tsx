import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs } from '../../../app/api';
import type { Page } from '../../../app/types';
import { useLang, useName, useT } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Loading } from '../../../ui/Loading';
import { Pager } from '../../../ui/Pager';
import { useApi } from '../../../ui/hooks';
import { useLabels } from '../labels';
import { StageBadge } from '../StageBadge';
import { STAGES } from '../types';
import type { QueueCase } from '../types';

function assignedText(a: QueueCase['assigned'], yes: string, no: string): string {
  if (!a) return no;
  if (a === true) return yes;
  if (Array.isArray(a)) return a.length ? a.map((p) => p.display_name).join(', ') : no;
  return a.display_name;
}

/** The unit's cases (never those naming the viewer's own agency), filtered by stage and deadline. */
export function CaseQueue() {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const stage = params.get('stage') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState({ stage, overdue });
  useEffect(() => setDraft({ stage, overdue }), [stage, overdue]);
  const { data, error, loading, reload } = useApi<Page<QueueCase>>(
    `/api/v1/integrity/staff/cases${qs({ stage, overdue: overdue ? 'true' : '', page: page > 1 ? page : '' })}`,
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.stage) next.set('stage', draft.stage);
    if (draft.overdue) next.set('overdue', 'true');
    setParams(next);
  };
  const goPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };

  return (
    <>
      <p className="lead">{t('integrity.staff.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('staff.filters')}>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="ig-q-stage">{t('integrity.staff.stage')}</label>
            <select id="ig-q-stage" value={draft.stage} onChange={(e) => setDraft({ ...draft, stage: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {labels.stage(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--check">
            <input id="ig-q-overdue" type="checkbox" checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })} />
            <label htmlFor="ig-q-overdue">{t('staff.overdueOnly')}</label>
          </div>
        </div>
        <button type="submit" className="btn btn--primary">
          {t('list.apply')}
        </button>
      </form>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{t('common.results', { total: data.total })}</p>
          {data.items.length === 0 ? (
            <p>{t('staff.empty')}</p>
          ) : (
            <table className="table ig-queue">
              <caption className="visually-hidden">{t('integrity.staff.queueTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('integrity.col.case')}</th>
                  <th scope="col">{t('integrity.col.agency')}</th>
                  <th scope="col">{t('integrity.col.kind')}</th>
                  <th scope="col">{t('integrity.col.stage')}</th>
                  <th scope="col">{t('integrity.col.received')}</th>
                  <th scope="col">{t('integrity.col.due')}</th>
                  <th scope="col">{t('integrity.col.assigned')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.case_number} data-testid="integrity-queue-row" data-case={c.case_number} className={c.overdue ? 'is-overdue' : undefined}>
                    <td data-label={t('integrity.col.case')}>
                      <Link to={`/integrity/staff/${encodeURIComponent(c.case_number)}`}>{c.case_number}</Link>
                    </td>
                    <td data-label={t('integrity.col.agency')}>{c.agency ? name(c.agency) : '—'}</td>
                    <td data-label={t('integrity.col.kind')}>{labels.kind(c.allegation_kind)}</td>
                    <td data-label={t('integrity.col.stage')}>
                      <StageBadge stage={c.stage} />
                    </td>
                    <td data-label={t('integrity.col.received')}>{formatDate(c.received_at, lang)}</td>
                    <td data-label={t('integrity.col.due')}>
                      {formatDateTime(c.due_at, lang)} {c.overdue && <span className="badge badge--overdue">{t('state.overdue')}</span>}
                    </td>
                    <td data-label={t('integrity.col.assigned')}>{assignedText(c.assigned, t('integrity.staff.assignedYes'), t('staff.unassigned'))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={data.page} pageSize={data.page_size} total={data.total} onPage={goPage} />
        </>
      )}
    </>
  );
}
