import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { isStaff, useAuth } from '../../app/auth';
import type { Report } from '../../app/types';
import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi, usePageTitle } from '../../ui/hooks';
import { CitizenActions } from './CitizenActions';
import { ReportDetails, TimelineSection } from './ReportDetails';
import { reporterHeaders, saveReporterKey } from './reporterKey';

export default function ReportPage() {
  const t = useT();
  const { user } = useAuth();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const key = params.get('key');
  // Store the reporter key before the first request so the server can grant reporter abilities.
  if (key) saveReporterKey(code, key);

  useEffect(() => {
    // Keep the private key out of the address bar (screenshots, shared screens) once stored.
    if (key) navigate(`/r/${encodeURIComponent(code)}`, { replace: true });
  }, [key, code, navigate]);

  const { data: report, error, loading, reload, setData } = useApi<Report>(
    `/api/v1/reports/${encodeURIComponent(code)}`,
    reporterHeaders(code),
  );
  usePageTitle(t('report.title', { code }));
  useLiveUpdates(code, report, setData, Boolean(user) || Boolean(reporterHeaders(code)));

  if (!report) {
    if (error) {
      return (
        <section className="notice">
          <h1>{t('report.title', { code })}</h1>
          <ErrorBox error={error} onRetry={error.status === 404 ? undefined : reload} />
        </section>
      );
    }
    return loading ? <Loading /> : null;
  }

  return (
    <article className="report">
      <ReportDetails report={report} title={t('report.title', { code: report.code })} />
      {isStaff(user) && (
        <p>
          <Link to={`/staff/r/${encodeURIComponent(report.code)}`}>{t('report.staffView')}</Link>
        </p>
      )}
      <TimelineSection report={report} />
      <CitizenActions report={report} onUpdated={(r) => (r ? setData(r) : reload())} />
    </article>
  );
}

/** The id of a report's latest timeline entry, as a number that orders exactly. */
function latestId(id: string | number | undefined | null): bigint {
  try {
    return id === undefined || id === null ? BigInt(-1) : BigInt(String(id));
  } catch {
    return BigInt(-1);
  }
}

interface LiveFrame {
  last_event_id: string;
  /** The report as an anonymous visitor sees it. */
  report: Report;
}

/**
 * Live updates for the report on screen (Server-Sent Events). The server pushes the
 * report's public state whenever its timeline changes, from whichever server made the
 * change. An anonymous visitor's view is exactly that state. Anyone with a view of their
 * own (signed in, the reporter, staff) fetches it again instead — it carries their
 * abilities and, for staff, internal notes — and falls back to the pushed state with
 * their own abilities if that fetch is older than the push (a replica a moment behind).
 * Views only move forward: a frame or fetch older than what is shown is ignored.
 */
function useLiveUpdates(code: string, report: Report | undefined, show: (r: Report) => void, personal: boolean) {
  const current = useRef(report);
  current.current = report;
  const showRef = useRef(show);
  showRef.current = show;
  const loaded = report !== undefined;

  useEffect(() => {
    if (!loaded || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let stopped = false;
    const path = `/api/v1/reports/${encodeURIComponent(code)}`;

    const apply = (next: Report) => {
      if (!stopped && latestId(next.timeline.at(-1)?.id) >= latestId(current.current?.timeline.at(-1)?.id)) showRef.current(next);
    };

    const onFrame = (frame: LiveFrame) => {
      const pushed = latestId(frame.last_event_id);
      if (pushed <= latestId(current.current?.timeline.at(-1)?.id)) return;
      if (!personal) return apply(frame.report);
      api.get<Report>(path, { headers: reporterHeaders(code) }).then(
        (own) => {
          if (own.staff || latestId(own.timeline.at(-1)?.id) >= pushed) apply(own);
          else apply({ ...frame.report, abilities: own.abilities, following: own.following });
        },
        () => undefined,
      );
    };

    const connect = () => {
      source = new EventSource(`${path}/events`);
      source.addEventListener('report', (event) => {
        try {
          onFrame(JSON.parse((event as MessageEvent<string>).data) as LiveFrame);
        } catch {
          // a frame we cannot read changes nothing on screen
        }
      });
      source.onerror = () => {
        // A dropped stream reconnects by itself; a refused one (server full, 503) is
        // closed for good by the browser: try again later, at a random moment.
        if (!stopped && source?.readyState === EventSource.CLOSED) {
          retry = window.setTimeout(connect, 30_000 + Math.random() * 30_000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(retry);
    };
  }, [code, loaded, personal]);
}
