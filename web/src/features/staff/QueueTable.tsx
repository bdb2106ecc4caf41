import { Link } from 'react-router-dom';
import type { QueueItem } from '../../app/types';
import { useLang, useName, useT } from '../../i18n';
import { formatDateTime, formatHours } from '../../ui/date';
import { OverdueBadge, StateBadge } from '../../ui/StateBadge';

interface Props {
  items: QueueItem[];
  selected: Set<string>;
  onToggle: (code: string) => void;
  onToggleAll: (all: boolean) => void;
}

/** A real table on wide screens; CSS turns each row into a card on phones (data-label). */
export function QueueTable({ items, selected, onToggle, onToggleAll }: Props) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const allChecked = items.length > 0 && items.every((i) => selected.has(i.code));
  return (
    <table className="table queue">
      <caption className="visually-hidden">{t('staff.queueTable')}</caption>
      <thead>
        <tr>
          <th scope="col">
            <label className="queue__select-all">
              <input type="checkbox" checked={allChecked} onChange={(e) => onToggleAll(e.target.checked)} />
              <span className="queue__select-all-text">{t('staff.selectAll')}</span>
            </label>
          </th>
          <th scope="col">{t('staff.col.code')}</th>
          <th scope="col">{t('staff.col.category')}</th>
          <th scope="col">{t('staff.col.district')}</th>
          <th scope="col">{t('staff.col.state')}</th>
          <th scope="col">{t('staff.col.age')}</th>
          <th scope="col">{t('staff.col.due')}</th>
          <th scope="col">{t('staff.col.support')}</th>
          <th scope="col">{t('staff.col.assignee')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.code} data-testid="queue-row" data-code={r.code} className={r.overdue ? 'is-overdue' : undefined}>
            <td data-label={t('staff.col.select')}>
              <input
                type="checkbox"
                aria-label={t('staff.selectRow', { code: r.code })}
                checked={selected.has(r.code)}
                onChange={() => onToggle(r.code)}
              />
            </td>
            <td data-label={t('staff.col.code')}>
              <Link to={`/staff/r/${encodeURIComponent(r.code)}`}>{r.code}</Link>
            </td>
            <td data-label={t('staff.col.category')}>{name(r.category)}</td>
            <td data-label={t('staff.col.district')}>{r.location.district ? name(r.location.district) : '—'}</td>
            <td data-label={t('staff.col.state')}>
              <StateBadge state={r.state} />
            </td>
            <td data-label={t('staff.col.age')}>{formatHours(r.age_hours, lang)}</td>
            <td data-label={t('staff.col.due')}>
              {formatDateTime(r.due_fix_at, lang)} {r.overdue && <OverdueBadge />}
            </td>
            <td data-label={t('staff.col.support')}>{r.support_count}</td>
            <td data-label={t('staff.col.assignee')}>{r.assignee?.display_name ?? t('staff.unassigned')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
