import { useEffect, useRef } from 'react';
import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/hooks';
import { WB, useCaseRequest } from '../caseApi';
import { StageBadge, StageList } from '../StageBadge';
import { UploadEvidence } from '../UploadEvidence';
import { EvidenceList } from './EvidenceList';
import { Questions } from './Questions';
import { useMyCase } from './useMyCase';

interface Props {
  token: string;
  onLeave: () => void;
  onExpired: () => void;
}

/** What the person may see of their case: stage, dates, questions to answer, evidence. */
export function CaseView({ token, onLeave, onExpired }: Props) {
  const t = useT();
  const { lang } = useLang();
  const request = useCaseRequest();
  const { data, error, loading, reload } = useMyCase(token);
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('integrity.case.title'));

  useEffect(() => {
    if (error?.status === 401) onExpired();
  }, [error, onExpired]);
  useEffect(() => {
    if (data) heading.current?.focus();
    // focus once, when the case first shows
  }, [Boolean(data)]);

  if (!data) {
    if (error && error.status !== 401) return <ErrorBox error={error} onRetry={reload} />;
    return <Loading />;
  }
  const open = data.questions.filter((q) => q.answer === null || q.answer === undefined).length;

  return (
    <article className="ig-case" aria-busy={loading}>
      <h1 ref={heading} tabIndex={-1}>
        {t('integrity.case.heading')} <span data-testid="integrity-case-number">{data.case_number}</span>
      </h1>
      <p className="report-head__badges">
        <StageBadge stage={data.stage} testId="integrity-stage" />
      </p>
      <p>{t('integrity.case.receivedAt', { when: formatDateTime(data.received_at, lang) })}</p>
      <button type="button" className="btn btn--small" onClick={onLeave}>
        {t('integrity.case.leave')}
      </button>

      <section className="section" aria-labelledby="ig-q-title">
        <h2 id="ig-q-title">{t('integrity.case.questions')}</h2>
        {open > 0 && <p className="note">{t('integrity.case.openQuestions', { n: open })}</p>}
        <Questions questions={data.questions} token={token} onChanged={reload} />
      </section>

      <section className="section" aria-labelledby="ig-stages-title">
        <h2 id="ig-stages-title">{t('integrity.case.progress')}</h2>
        <StageList stages={data.stages} />
      </section>

      <section className="section" aria-labelledby="ig-ev-title">
        <h2 id="ig-ev-title">{t('integrity.case.evidence')}</h2>
        <EvidenceList items={data.evidence} />
        <UploadEvidence id="ig-add-evidence" upload={(form) => request(WB.evidence, { method: 'POST', token, body: form })} onDone={reload} />
        <p className="note">{t('integrity.privacy.metadata')}</p>
      </section>
    </article>
  );
}
