import { useLang, useName, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { formatBaht, useLabels } from '../labels';
import type { StaffCase } from '../types';

export function CaseFacts({ data }: { data: StaffCase }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const labels = useLabels();
  const d = data.details;
  const facts: [string, string][] = [
    [t('integrity.new.agency'), data.agency ? name(data.agency) : '—'],
    [t('integrity.new.kind'), labels.kind(data.allegation_kind)],
    [t('integrity.new.unit'), d.unit || '—'],
    [t('integrity.new.position'), d.position || '—'],
    [t('integrity.new.when'), d.when_text || '—'],
    [t('integrity.new.where'), d.where_text || '—'],
    [t('integrity.new.amount'), formatBaht(d.amount_baht, lang)],
    [t('integrity.new.contract'), d.contract_ref || '—'],
    [t('integrity.staff.channel'), labels.channel(data.channel)],
    [t('integrity.col.received'), formatDateTime(data.received_at, lang)],
    [t('integrity.col.due'), formatDateTime(data.due_at, lang)],
  ];
  if (data.refer_to) facts.push([t('integrity.act.referTo'), labels.referTo(data.refer_to)]);
  return (
    <>
      {data.overdue && <p className="badge badge--overdue">{t('state.overdue')}</p>}
      {data.merged_into && <p className="note">{t('integrity.staff.mergedInto', { number: data.merged_into })}</p>}
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('integrity.new.what')}</h2>
      <p className="description" data-testid="integrity-what">
        {d.what}
      </p>
    </>
  );
}
