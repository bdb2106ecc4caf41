import { useLang, useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../ui/date';
import { useLabels } from './labels';
import type { StageEntry } from './types';

export function StageBadge({ stage, testId }: { stage: string; testId?: string }) {
  const labels = useLabels();
  return (
    <span className={`badge ig-stage ig-stage--${stage}`} data-testid={testId} data-stage={stage}>
      {labels.stage(stage)}
    </span>
  );
}

/** The stages a case went through, oldest first, with deadlines where the unit sees them. */
export function StageList({ stages, withTime = true }: { stages: StageEntry[]; withTime?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const when = withTime ? formatDateTime : formatDate;
  return (
    <ol className="timeline ig-stages">
      {stages.map((s, i) => (
        <li key={`${s.stage}-${s.at}-${i}`} className="timeline__item" data-stage={s.stage}>
          <p className="timeline__head">
            <strong>{labels.stage(s.stage)}</strong>
            {s.overdue && <span className="badge badge--overdue ig-inline">{t('state.overdue')}</span>}
          </p>
          <p className="timeline__meta">
            <time dateTime={s.at}>{when(s.at, lang)}</time>
            {s.due_at && <> · {t('integrity.staff.dueAt', { when: formatDateTime(s.due_at, lang) })}</>}
          </p>
        </li>
      ))}
    </ol>
  );
}
