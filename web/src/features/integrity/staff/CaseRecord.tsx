import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { EvidenceList } from '../case/EvidenceList';
import { Questions } from '../case/Questions';
import { useLabels } from '../labels';
import { StageList } from '../StageBadge';
import type { StaffCase } from '../types';
import { CaseEvents } from './CaseEvents';
import { staffCasePath } from './useCaseAction';

/** Everything recorded on the case so far, read-only. */
export function CaseRecord({ data }: { data: StaffCase }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  return (
    <>
      <section className="section" aria-labelledby="ig-r-stages">
        <h2 id="ig-r-stages">{t('integrity.case.progress')}</h2>
        <StageList stages={data.stages} />
        <h3>{t('integrity.staff.assignees')}</h3>
        {data.assignees.length === 0 ? (
          <p>{t('staff.unassigned')}</p>
        ) : (
          <ul className="plain-list" data-testid="integrity-assignees">
            {data.assignees.map((a) => (
              <li key={a.id}>
                <strong>{a.display_name}</strong>
                {a.assigned_at && <> · {formatDateTime(a.assigned_at, lang)}</>}
                {a.declaration && <span className="card__meta"> — {t('integrity.staff.declared', { text: a.declaration })}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="ig-r-questions">
        <h2 id="ig-r-questions">{t('integrity.case.questions')}</h2>
        <Questions questions={data.questions} />
      </section>
      <section className="section" aria-labelledby="ig-r-notes">
        <h2 id="ig-r-notes">{t('integrity.staff.notes')}</h2>
        {data.notes.length === 0 ? (
          <p>{t('integrity.staff.noNotes')}</p>
        ) : (
          <ol className="ig-questions">
            {data.notes.map((n, i) => (
              <li key={n.id ?? `${n.at}-${i}`} className="card">
                <p className="card__meta">
                  {formatDateTime(n.at, lang)} · {labels.person(n.by)}
                </p>
                <p className="description">{n.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="section" aria-labelledby="ig-r-evidence">
        <h2 id="ig-r-evidence">{t('integrity.case.evidence')}</h2>
        <p className="field__hint">{t('integrity.staff.evidenceNote')}</p>
        <EvidenceList
          items={data.evidence}
          href={data.abilities.download_evidence ? (e) => `${staffCasePath(data.case_number)}/evidence/${encodeURIComponent(String(e.id))}` : undefined}
        />
      </section>
      {(data.finding || data.sanctions.length > 0) && (
        <section className="section" aria-labelledby="ig-r-finding">
          <h2 id="ig-r-finding">{t('integrity.staff.outcome')}</h2>
          {data.finding && (
            <>
              <p>
                <strong data-testid="integrity-finding">{labels.finding(data.finding.finding)}</strong> · {formatDateTime(data.finding.at, lang)}
              </p>
              <p className="description">{data.finding.report_text}</p>
            </>
          )}
          {data.sanctions.length > 0 && (
            <ul className="plain-list" data-testid="integrity-sanctions">
              {data.sanctions.map((s, i) => (
                <li key={i}>
                  {labels.sanction(s.kind)}
                  {s.official_name && <> — {s.official_name}</>}
                  {' · '}
                  {s.final ? t('integrity.staff.final') : t('integrity.staff.notFinal')}
                  {s.publish_name && <> · {t('integrity.staff.published')}</>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <CaseEvents data={data} />
      {data.links.length > 0 && (
        <section className="section" aria-labelledby="ig-r-links">
          <h2 id="ig-r-links">{t('integrity.staff.links')}</h2>
          <ul className="plain-list">
            {data.links.map((l, i) => (
              <li key={i}>
                {labels.linkType(l.type)}: {l.type === 'report' ? <a href={`/r/${encodeURIComponent(l.ref)}`}>{l.ref}</a> : l.ref}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
