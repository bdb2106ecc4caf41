import { api } from '../../../app/api';
import type { Report } from '../../../app/types';
import { useAction } from '../../../ui/hooks';

export interface ActionProps {
  report: Report;
  onUpdated: (report: Report) => void;
}

/** POSTs to /api/v1/reports/:code/<suffix>; the server answers with the updated report. */
export function useReportAction({ report, onUpdated }: ActionProps) {
  const { busy, error, run } = useAction();
  const send = async (suffix: string, body: unknown): Promise<boolean> => {
    const res = await run(() => api.post<Report>(`/api/v1/reports/${encodeURIComponent(report.code)}/${suffix}`, body));
    if (res.ok) onUpdated(res.value);
    return res.ok;
  };
  return { busy, error, send };
}
