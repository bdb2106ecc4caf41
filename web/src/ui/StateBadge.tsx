import type { ReportState } from '../app/types';
import { useT } from '../i18n';

export function StateBadge({ state, testId }: { state: ReportState; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge badge--${state}`} data-testid={testId} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}

export function OverdueBadge() {
  const t = useT();
  return <span className="badge badge--overdue">{t('state.overdue')}</span>;
}
