import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Page, QueueItem, StaffPerson } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { useApi, usePageTitle } from '../../ui/hooks';
import { BulkBar } from './BulkBar';
import { QueueFiltersForm } from './QueueFiltersForm';
import { QueueTable } from './QueueTable';
import { queueFiltersFrom, queueParams } from './queueParams';

export default function QueuePage() {
  const t = useT();
  usePageTitle(t('staff.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => queueFiltersFrom(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = queueParams(filters, page).toString();
  const { data, error, loading, reload } = useApi<Page<QueueItem>>(`/api/v1/staff/queue${query ? `?${query}` : ''}`);
  const { data: officers } = useApi<{ items: StaffPerson[] }>('/api/v1/staff/officers');
  const [selected, setSelected] = useState<Set<string>>(new Set());

  useEffect(() => setSelected(new Set()), [query]);

  const toggle = (code: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(code)) n.delete(code);
      else n.add(code);
      return n;
    });

  return (
    <section>
      <h1>{t('staff.title')}</h1>
      <QueueFiltersForm value={filters} onApply={(f) => setParams(queueParams(f, 1))} />
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{t('common.results', { total: data.total })}</p>
          {data.items.length > 0 && (
            <BulkBar
              codes={[...selected]}
              officers={officers?.items ?? []}
              onDone={() => {
                setSelected(new Set());
                reload();
              }}
            />
          )}
          {data.items.length === 0 ? (
            <p>{t('staff.empty')}</p>
          ) : (
            <QueueTable
              items={data.items}
              selected={selected}
              onToggle={toggle}
              onToggleAll={(all) => setSelected(all ? new Set(data.items.map((i) => i.code)) : new Set())}
            />
          )}
          <Pager
            page={data.page}
            pageSize={data.page_size}
            total={data.total}
            onPage={(p) => setParams(queueParams(filters, p))}
          />
        </>
      )}
    </section>
  );
}
