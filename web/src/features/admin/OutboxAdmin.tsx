import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../ui/date';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { useAction, useApi } from '../../ui/hooks';

type Channel = 'line' | 'facebook' | 'x' | 'sms' | 'email' | 'app_push';
type Status = 'pending' | 'delivered' | 'failed' | 'skipped';
type StatusFilter = 'problems' | 'all' | Status;

interface ChannelSummary {
  channel: Channel;
  label: string;
  enabled: boolean;
  supported: boolean;
  missing_settings: string[];
  counts: Record<Status, number>;
}
interface Summary {
  days: number;
  oldest_pending_at: string | null;
  channels: ChannelSummary[];
}
interface OutboxItem {
  id: string;
  channel: string;
  recipient: string;
  status: Status;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  subject: { type: string; id: string } | null;
  created_at: string;
  delivered_at: string | null;
  abilities: { retry: boolean };
}
interface OutboxPage {
  items: OutboxItem[];
  total: number;
  page: number;
  page_size: number;
}

const CHANNELS: Channel[] = ['line', 'facebook', 'x', 'sms', 'email', 'app_push'];
const STATUSES: Status[] = ['pending', 'delivered', 'failed', 'skipped'];
const PAGE_SIZE = 20;
const isChannel = (c: string): c is Channel => (CHANNELS as string[]).includes(c);

function listPath(filter: StatusFilter, channel: string, page: number): string {
  const sp = new URLSearchParams();
  if (filter === 'problems') {
    sp.append('status', 'failed');
    sp.append('status', 'skipped');
  } else if (filter !== 'all') sp.append('status', filter);
  if (channel) sp.set('channel', channel);
  sp.set('page', String(page));
  sp.set('page_size', String(PAGE_SIZE));
  return `/api/v1/admin/outbox?${sp.toString()}`;
}

/** Staff view of notifications: per-channel figures, then recent failures with "send again". */
export function OutboxAdmin() {
  const t = useT();
  const { lang } = useLang();
  const summary = useApi<Summary>('/api/v1/admin/outbox/summary');
  const [filter, setFilter] = useState<StatusFilter>('problems');
  const [channel, setChannel] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi<OutboxPage>(listPath(filter, channel, page));
  const { busy, error, run } = useAction();
  const [retried, setRetried] = useState<string | null>(null);

  const channelName = (c: string) => (isChannel(c) ? t(`outbox.channel.${c}`) : c);

  const retry = async (item: OutboxItem) => {
    setRetried(null);
    const res = await run(() => api.post(`/api/v1/admin/outbox/${item.id}/retry`));
    if (res.ok) {
      setRetried(t('outbox.retried', { id: item.id }));
      list.reload();
      summary.reload();
    }
  };

  const channelState = (c: ChannelSummary) => {
    if (c.enabled) return t('outbox.on');
    if (!c.supported) return t('outbox.offUnsupported');
    return t('outbox.offSet', { settings: c.missing_settings.join(', ') });
  };

  return (
    <section className="section" aria-labelledby="admin-outbox">
      <h2 id="admin-outbox">{t('outbox.title')}</h2>
      <p>{t('outbox.lead')}</p>

      <ErrorBox error={summary.error} onRetry={summary.reload} />
      {!summary.data && summary.loading && <Loading />}
      {summary.data && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-outbox-summary">
          <table className="table">
            <caption id="admin-outbox-summary">{t('outbox.summaryCaption', { days: summary.data.days })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.channelState')}</th>
                {STATUSES.map((s) => (
                  <th scope="col" key={s}>{t(`outbox.status.${s}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.data.channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{channelName(c.channel)}</th>
                  <td style={{ whiteSpace: 'normal' }}>{channelState(c)}</td>
                  {STATUSES.map((s) => (
                    <td key={s}>{c.counts[s].toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {summary.data?.oldest_pending_at && <p>{t('outbox.oldestPending', { when: formatDateTime(summary.data.oldest_pending_at, lang) })}</p>}

      <h3>{t('outbox.listTitle')}</h3>
      <div className="filters">
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="outbox-status">{t('outbox.filterStatus')}</label>
            <select id="outbox-status" value={filter} onChange={(e) => { setFilter(e.target.value as StatusFilter); setPage(1); }}>
              <option value="problems">{t('outbox.filter.problems')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>{t(`outbox.status.${s}`)}</option>
              ))}
              <option value="all">{t('outbox.filter.all')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="outbox-channel">{t('outbox.channel')}</label>
            <select id="outbox-channel" value={channel} onChange={(e) => { setChannel(e.target.value); setPage(1); }}>
              <option value="">{t('outbox.allChannels')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>{t(`outbox.channel.${c}`)}</option>
              ))}
            </select>
          </div>
        </div>
      </div>

      <ErrorBox error={list.error} onRetry={list.reload} />
      <ErrorBox error={error} />
      <p role="status" className="status">{retried ?? ''}</p>
      {!list.data && list.loading && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{t('outbox.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="admin-outbox-list">
          <table className="table">
            <caption id="admin-outbox-list">{t('outbox.listCaption', { total: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.queuedAt')}</th>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.lastError')}</th>
                <th scope="col">{t('outbox.action')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{formatDateTime(item.created_at, lang)}</th>
                  <td>{channelName(item.channel)}</td>
                  <td><span translate="no">{item.recipient}</span></td>
                  <td>
                    {item.subject?.type === 'report' ? (
                      <Link to={`/staff/r/${encodeURIComponent(item.subject.id)}`}>{t('outbox.subjectReport', { id: item.subject.id })}</Link>
                    ) : (item.subject ? `${item.subject.type} ${item.subject.id}` : '—')}
                  </td>
                  <td>
                    {t(`outbox.status.${item.status}`)}
                    {item.status === 'pending' && item.next_attempt_at && item.attempts > 0 && (
                      <><br />{t('outbox.nextAttempt', { when: formatDateTime(item.next_attempt_at, lang) })}</>
                    )}
                    {item.delivered_at && <><br />{t('outbox.deliveredAt', { when: formatDateTime(item.delivered_at, lang) })}</>}
                  </td>
                  <td>{item.attempts}</td>
                  <td style={{ whiteSpace: 'normal', minWidth: '16rem' }} lang="en">{item.last_error ?? '—'}</td>
                  <td>
                    {item.abilities.retry && (
                      <button type="button" className="btn btn--small" disabled={busy} onClick={() => void retry(item)}
                        aria-label={t('outbox.retryLabel', { id: item.id, recipient: item.recipient })}>
                        {t('outbox.retry')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </section>
  );
}
