import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Category, Named } from '../../app/types';
import { REPORT_STATES } from '../../app/types';
import { useT } from '../../i18n';
import { NamedOptions } from '../../ui/NamedOptions';
import { useShared } from '../../ui/hooks';

export const FILTER_KEYS = ['district', 'category', 'state', 'from', 'to', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

interface Props {
  value: Filters;
  onApply: (f: Filters) => void;
  idPrefix?: string;
}

/** Filter form for the public list; the staff queue reuses it with extra fields. */
export function ReportFilters({ value, onApply, idPrefix = 'f' }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<Filters>(value);
  const { data: districts } = useShared<{ items: Named[] }>('/api/v1/districts');
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  useEffect(() => setDraft(value), [value]);

  const set = (k: FilterKey) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const id = (k: string) => `${idPrefix}-${k}`;

  return (
    <form
      className="filters"
      role="search"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <div className="filters__grid">
        <div className="field">
          <label htmlFor={id('q')}>{t('list.q')}</label>
          <input id={id('q')} type="search" value={draft.q} onChange={set('q')} />
        </div>
        <div className="field">
          <label htmlFor={id('district')}>{t('list.district')}</label>
          <select id={id('district')} value={draft.district} onChange={set('district')}>
            <option value="">{t('common.all')}</option>
            <NamedOptions items={districts?.items} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('category')}>{t('list.category')}</label>
          <select id={id('category')} value={draft.category} onChange={set('category')}>
            <option value="">{t('common.all')}</option>
            <NamedOptions items={cats?.items} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('state')}>{t('list.state')}</label>
          <select id={id('state')} value={draft.state} onChange={set('state')}>
            <option value="">{t('common.all')}</option>
            {REPORT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('from')}>{t('list.from')}</label>
          <input id={id('from')} type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor={id('to')}>{t('list.to')}</label>
          <input id={id('to')} type="date" value={draft.to} onChange={set('to')} />
        </div>
      </div>
      <div className="row">
        <button type="submit" className="btn btn--primary">
          {t('list.apply')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const empty = Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters;
            setDraft(empty);
            onApply(empty);
          }}
        >
          {t('common.clear')}
        </button>
      </div>
    </form>
  );
}

export function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Filters;
}
