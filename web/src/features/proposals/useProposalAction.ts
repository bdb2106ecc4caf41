import { api } from '../../app/api';
import { useAction } from '../../ui/hooks';
import type { Proposal } from './types';

export interface ActionProps {
  proposal: Proposal;
  onUpdated: (p: Proposal) => void;
}

/** POSTs /api/v1/proposals/:id/<path>; the server answers with the updated proposal. */
export function useProposalAction({ proposal, onUpdated }: ActionProps) {
  const { busy, error, run } = useAction();
  const send = async (path: string, body: unknown): Promise<boolean> => {
    const res = await run(() => api.post<Proposal>(`/api/v1/proposals/${encodeURIComponent(proposal.id)}/${path}`, body));
    if (res.ok) onUpdated(res.value);
    return res.ok;
  };
  return { busy, error, send, run };
}

/** Field messages of a failed action by field name ("note", "reason", "evaluator_id"). */
export function actionProblems(error: ReturnType<typeof useAction>['error']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const fe of error?.problem?.errors ?? []) {
    const key = fe.field.replace(/^\/?body[./]/, '').replace(/^\//, '');
    if (!out[key]) out[key] = fe.message;
  }
  return out;
}
