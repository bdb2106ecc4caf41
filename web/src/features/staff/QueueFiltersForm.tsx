import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Category, Named } from '../../app/types';
import { REPORT_STATES } from '../../app/types';
import { useT } from '../../i18n';
import { NamedOptions } from '../../ui/NamedOptions';
import { useShared } from '../../ui/hooks';
import { QUEUE_ASSIGNED, QUEUE_SORTS } from './queueParams';
import type { QueueAssigned, QueueFilters, QueueSort } from './queueParams';

export function QueueFiltersForm({ value, onApply }: { value: QueueFilters; onApply: (f: QueueFilters) => void }) {
  const t = useT();
  const [d, setD] = useState(value);
  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  useEffect(() => setD(value), [value]);

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('staff.filters')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onApply(d);
      }}
    >
      <div className="filters__grid">
        <div className="field">
          <label htmlFor="qf-q">{t('list.q')}</label>
          <input id="qf-q" type="search" value={d.q} onChange={(e) => setD({ ...d, q: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="qf-state">{t('list.state')}</label>
          <select id="qf-state" value={d.state} onChange={(e) => setD({ ...d, state: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {REPORT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="qf-category">{t('list.category')}</label>
          <select id="qf-category" value={d.category} onChange={(e) => setD({ ...d, category: e.target.value })}>
            <option value="">{t('common.all')}</option>
            <NamedOptions items={cats?.items} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="qf-district">{t('list.district')}</label>
          <select id="qf-district" value={d.district} onChange={(e) => setD({ ...d, district: e.target.value })}>
            <option value="">{t('common.all')}</option>
            <NamedOptions items={districts?.items} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="qf-sort">{t('staff.sort')}</label>
          <select id="qf-sort" value={d.sort} onChange={(e) => setD({ ...d, sort: e.target.value as QueueSort })}>
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`staff.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="qf-assigned">{t('staff.col.assignee')}</label>
          <select
            id="qf-assigned"
            value={d.assigned}
            onChange={(e) => setD({ ...d, assigned: e.target.value as QueueAssigned | '' })}
          >
            <option value="">{t('common.all')}</option>
            {QUEUE_ASSIGNED.map((a) => (
              <option key={a} value={a}>
                {t(`staff.assigned.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--check">
          <input
            id="qf-overdue"
            type="checkbox"
            checked={d.overdue}
            onChange={(e) => setD({ ...d, overdue: e.target.checked })}
          />
          <label htmlFor="qf-overdue">{t('staff.overdueOnly')}</label>
        </div>
      </div>
      <button type="submit" className="btn btn--primary">
        {t('list.apply')}
      </button>
    </form>
  );
}
