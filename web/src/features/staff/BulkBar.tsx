import { useState } from 'react';
import { api } from '../../app/api';
import type { BulkResult, StaffPerson } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { useAction } from '../../ui/hooks';

interface Props {
  codes: string[];
  officers: StaffPerson[];
  onDone: () => void;
}

export function BulkBar({ codes, officers, onDone }: Props) {
  const t = useT();
  const [assignee, setAssignee] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const { busy, error, run } = useAction();

  const send = async (body: { action: 'accept' } | { action: 'assign'; assignee_id: string | number }) => {
    setResult(null);
    const res = await run(() => api.post<BulkResult>('/api/v1/staff/queue/bulk', { codes, ...body }));
    if (res.ok) {
      setResult(res.value);
      onDone();
    }
  };

  const officer = officers.find((o) => String(o.id) === assignee);
  return (
    <section className="bulk" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="bulk__title">
        {t('staff.bulk')} — {t('staff.selected', { n: codes.length })}
      </h2>
      <div className="row">
        <button type="button" className="btn" disabled={busy || codes.length === 0} onClick={() => send({ action: 'accept' })}>
          {t('staff.bulkAccept')}
        </button>
        <label htmlFor="bulk-assignee">{t('staff.bulkAssign')}</label>
        <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {officers.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.display_name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn"
          disabled={busy || codes.length === 0 || !officer}
          onClick={() => officer && send({ action: 'assign', assignee_id: officer.id })}
        >
          {t('staff.bulkAssignGo')}
        </button>
      </div>
      <div role="status">
        {result && (
          <>
            <p>{t('staff.bulkResult', { n: result.updated })}</p>
            {result.failed.length > 0 && (
              <>
                <p>{t('staff.bulkFailed', { n: result.failed.length })}</p>
                <ul>
                  {result.failed.map((f) => (
                    <li key={f.code}>
                      {f.code}: {f.detail}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
      <ErrorBox error={error} />
    </section>
  );
}
