import { api } from '../../../app/api';
import { useAction } from '../../../ui/hooks';

export interface CaseActionProps {
  caseNumber: string;
  onDone: () => void;
}

export const staffCasePath = (n: string) => `/api/v1/integrity/staff/cases/${encodeURIComponent(n)}`;

/** POSTs to /api/v1/integrity/staff/cases/:number/<suffix>; the page reloads the case after. */
export function useCaseAction({ caseNumber, onDone }: CaseActionProps) {
  const { busy, error, run } = useAction();
  const send = async (suffix: string, body: unknown): Promise<boolean> => {
    const res = await run(() => api.post(`${staffCasePath(caseNumber)}/${suffix}`, body));
    if (res.ok) onDone();
    return res.ok;
  };
  return { busy, error, send };
}
