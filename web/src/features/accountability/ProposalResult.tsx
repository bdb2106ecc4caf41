import { useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { useApi } from '../../ui/hooks';
import { StoryNeeds, StoryReview } from './StoryParts';
import { StoryPlacement } from './StoryPlacement';
import { STEPS, type Story } from './types';
import './accountability.css';

/**
 * "เส้นทางของโครงการ" on the proposal page: needs → the reports they cite → the
 * district's decision → the plan item → money requested, approved, disbursed →
 * progress → delivered or not. A draft has no public story (404): nothing is shown.
 */
export function ProposalResult({ proposalId }: { proposalId: string }) {
  const t = useT();
  const { data, error, loading, reload } = useApi<Story>(`/api/v1/proposals/${encodeURIComponent(proposalId)}/story`);
  if (error?.status === 404) return null;
  return (
    <section className="acc-path" aria-labelledby="acc-story-title" data-testid="proposal-story">
      <h2 id="acc-story-title">{t('accountability.story.title')}</h2>
      <ErrorBox error={error} onRetry={reload} />
      {!data && loading && <Loading />}
      {data && (
        <>
          {data.includes_demo && <span className="badge badge--demo">{t('common.demo')}</span>}
          <ol className="acc-reached" aria-label={t('accountability.story.reached')}>
            {STEPS.map((s) => {
              const reached = data.reached.includes(s);
              return (
                <li key={s} data-reached={reached} data-step={s}>
                  {t(`accountability.step.${s}`)}
                  <span className="visually-hidden">: {t(reached ? 'accountability.story.stepDone' : 'accountability.story.stepNotYet')}</span>
                  {reached ? ' ✓' : ''}
                </li>
              );
            })}
          </ol>
          <StoryNeeds story={data} />
          <StoryReview story={data} />
          <StoryPlacement story={data} />
        </>
      )}
    </section>
  );
}
