import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useLang, useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Loading } from '../../ui/Loading';
import { formatDate } from '../../ui/date';
import { useApi, usePageTitle } from '../../ui/hooks';
import { ProposalResult } from '../accountability/ProposalResult';
import { AttachFiles, EditLink, SubmitProposal, WithdrawProposal } from './CommitteeActions';
import { ProposalContent, ProposalDecision } from './ProposalContent';
import { ProposalTimeline } from './ProposalTimeline';
import { AcceptProposal, AssignEvaluator, MergeProposal, NotAccept, RequestRevision } from './ReviewActions';
import { StateStepper } from './StateStepper';
import type { Proposal } from './types';
import './proposals.css';

/** One proposal's page: where it stands, what it asks for, every step, and what the caller may do. */
export default function ProposalPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data, error, loading, reload, setData } = useApi<Proposal>(`/api/v1/proposals/${encodeURIComponent(id)}`);
  usePageTitle(data?.title ?? t('proposals.page.title', { id }));
  if (!data) {
    if (error) {
      return (
        <section className="notice">
          <h1>{t('proposals.page.title', { id })}</h1>
          <ErrorBox error={error} onRetry={error.status === 404 ? undefined : reload} />
        </section>
      );
    }
    return loading ? <Loading /> : null;
  }
  return <ProposalView proposal={data} onUpdated={setData} />;
}

function ProposalView({ proposal: p, onUpdated }: { proposal: Proposal; onUpdated: (p: Proposal) => void }) {
  const t = useT();
  const { lang } = useLang();
  const name = useName();
  const community = { name_th: p.community.name_th, name_en: p.community.name_en ?? '' };
  return (
    <article className="proposal">
      <p className="breadcrumb">
        <Link to={`/communities/${encodeURIComponent(p.community.code)}`}>{name(community)}</Link> · {p.id}
      </p>
      <h1>{p.title}</h1>
      <p className="row">
        <span className={`badge badge--p-${p.state}`} data-testid="proposal-state" data-state={p.state}>{t(`proposals.state.${p.state}` as MessageKey)}</span>
        {p.is_demo && <span className="badge badge--demo">{t('common.demo')}</span>}
      </p>
      <StateStepper proposal={p} />
      <dl className="facts">
        <div><dt>{t('proposals.page.community')}</dt><dd>{name(community)}</dd></div>
        <div><dt>{t('proposals.page.district')}</dt><dd>{name(p.district)}</dd></div>
        <div><dt>{t('proposals.page.fiscalYear')}</dt><dd>{p.fiscal_year ?? t('proposals.page.notSet')}</dd></div>
        <div><dt>{t('proposals.page.revision')}</dt><dd>{p.revision}</dd></div>
        <div>
          <dt>{t('proposals.page.evaluator')}</dt>
          <dd>{p.evaluator ? (p.evaluator.is_me ? t('proposals.page.evaluatorMe', { name: p.evaluator.display_name }) : p.evaluator.display_name) : t('proposals.page.notSet')}</dd>
        </div>
        {p.submitted_at && <div><dt>{t('proposals.state.submitted')}</dt><dd>{formatDate(p.submitted_at, lang)}</dd></div>}
      </dl>

      <ProposalActions proposal={p} onUpdated={onUpdated} />
      <ProposalDecision proposal={p} />
      <ProposalContent proposal={p} />

      <section className="section" aria-labelledby="pp-files">
        <h2 id="pp-files">{t('proposals.page.attachments')}</h2>
        {p.attachments.length === 0 ? <p>{t('proposals.page.noAttachments')}</p> : (
          <ul className="plain-list">
            {p.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.url}>{a.thumb_url && <img src={a.thumb_url} alt="" className="proposal-thumb" />}{a.file_name}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="pp-timeline">
        <h2 id="pp-timeline">{t('proposals.page.timeline')}</h2>
        <ProposalTimeline events={p.events} />
      </section>

      <ProposalResult proposalId={p.id} />
    </article>
  );
}

/** Only the actions the server says this person may take now (proposal.abilities). */
function ProposalActions({ proposal, onUpdated }: { proposal: Proposal; onUpdated: (p: Proposal) => void }) {
  const t = useT();
  const [done, setDone] = useState(false);
  const ab = proposal.abilities;
  if (!Object.values(ab).some(Boolean)) return null;
  const props = { proposal, onUpdated: (p: Proposal) => { setDone(true); onUpdated(p); } };
  return (
    <section className="section" aria-labelledby="pp-actions" data-testid="proposal-actions">
      <h2 id="pp-actions">{t('proposals.act.title')}</h2>
      <p role="status" className="status">{done ? t('proposals.act.done') : ''}</p>
      <div className="action-grid">
        {ab.edit && <EditLink proposal={proposal} />}
        {ab.submit && <SubmitProposal key={`s-${proposal.state}`} {...props} />}
        {ab.assign && <AssignEvaluator key={`a-${proposal.state}`} {...props} />}
        {ab.request_revision && <RequestRevision key={`r-${proposal.state}`} {...props} />}
        {ab.accept && <AcceptProposal key={`ac-${proposal.state}`} {...props} />}
        {ab.not_accept && <NotAccept key={`n-${proposal.state}`} {...props} />}
        {ab.merge && <MergeProposal key={`m-${proposal.state}`} {...props} />}
        {ab.attach && <AttachFiles {...props} />}
        {ab.withdraw && <WithdrawProposal key={`w-${proposal.state}`} {...props} />}
      </div>
    </section>
  );
}
