import { useT } from '../../../i18n';
import { ActionForm } from './ActionForm';
import { useReportAction } from './useReportAction';
import type { ActionProps } from './useReportAction';

export function AcceptAction(props: ActionProps) {
  const t = useT();
  const { busy, error, send } = useReportAction(props);
  return (
    <ActionForm
      id="accept"
      title={t('staff.accept')}
      submitLabel={t('staff.accept')}
      busy={busy}
      error={error}
      onSubmit={() => void send('accept', {})}
    >
      <p>{t('staff.acceptLead')}</p>
    </ActionForm>
  );
}
