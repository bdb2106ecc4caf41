import { useLang, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { formatDate } from '../../ui/date';
import type { Proposal, ProposalState } from './types';

const FINAL: readonly ProposalState[] = ['accepted', 'not_accepted', 'merged', 'withdrawn'];

/** Where each state sits on the four-step path: draft, submitted, review, decision. */
function stepOf(state: ProposalState): number {
  if (state === 'draft') return 0;
  if (state === 'submitted') return 1;
  if (state === 'under_review' || state === 'revision_requested') return 2;
  return 3;
}

/** The last time the proposal reached one of these states. */
function lastAt(p: Proposal, states: readonly ProposalState[]): string | null {
  const hits = p.events.filter((e) => states.includes(e.to_state) && e.from_state !== e.to_state);
  return hits.at(-1)?.at ?? null;
}

/**
 * The path a proposal takes, with the date each step was reached. Done, current and
 * pending steps differ by a symbol and by words for screen readers, not by colour alone.
 */
export function StateStepper({ proposal }: { proposal: Proposal }) {
  const t = useT();
  const { lang } = useLang();
  const current = stepOf(proposal.state);
  const decided = FINAL.includes(proposal.state);
  const steps: Array<{ label: string; at: string | null }> = [
    { label: t('proposals.state.draft'), at: lastAt(proposal, ['draft']) },
    { label: t('proposals.state.submitted'), at: lastAt(proposal, ['submitted']) },
    {
      label: t(proposal.state === 'revision_requested' ? 'proposals.state.revision_requested' : 'proposals.state.under_review'),
      at: lastAt(proposal, proposal.state === 'revision_requested' ? ['revision_requested'] : ['under_review']),
    },
    { label: decided ? t(`proposals.state.${proposal.state}` as MessageKey) : t('proposals.page.stepDecision'), at: decided ? lastAt(proposal, [proposal.state]) : null },
  ];
  return (
    <ol className="proposal-steps" aria-label={t('proposals.page.steps')} data-testid="proposal-steps">
      {steps.map((s, i) => {
        const done = i < current || (i === current && decided);
        const here = i === current;
        const status = here && !decided ? 'stepCurrent' : done ? 'stepDone' : 'stepPending';
        return (
          <li key={i} className={`proposal-step proposal-step--${done ? 'done' : here ? 'current' : 'pending'}`} aria-current={here ? 'step' : undefined}>
            <span className="proposal-step__mark" aria-hidden="true">{done ? '✓' : here ? '●' : '○'}</span>
            <span className="proposal-step__label">{s.label}</span>
            <span className="visually-hidden"> ({t(`proposals.page.${status}` as MessageKey)})</span>
            {s.at && (done || here) && <time className="proposal-step__date" dateTime={s.at}>{formatDate(s.at, lang)}</time>}
          </li>
        );
      })}
    </ol>
  );
}
