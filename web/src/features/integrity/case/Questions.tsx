import { useState } from 'react';
import { useLang, useT } from '../../../i18n';
import { formatDateTime } from '../../../ui/date';
import { ErrorBox } from '../../../ui/ErrorBox';
import { Field } from '../../../ui/Field';
import { useAction } from '../../../ui/hooks';
import { WB, useCaseRequest } from '../caseApi';
import type { StaffQuestion } from '../types';

const ANSWER_MAX = 10000;

function AnswerForm({ question, token, onAnswered }: { question: StaffQuestion; token: string; onAnswered: () => void }) {
  const t = useT();
  const request = useCaseRequest();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const { busy, error, run } = useAction();
  const id = `ig-answer-${question.id}`;
  return (
    <form
      className="subform"
      data-testid="integrity-answer-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return setEmpty(true);
        const res = await run(() => request(WB.answers, { method: 'POST', token, body: { question_id: question.id, text: text.trim() } }));
        if (res.ok) onAnswered();
      }}
    >
      <Field id={id} label={t('integrity.case.yourAnswer')} required error={empty ? t('integrity.case.needAnswer') : null}>
        {(a) => (
          <textarea
            {...a}
            rows={4}
            maxLength={ANSWER_MAX}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setEmpty(false);
            }}
          />
        )}
      </Field>
      <ErrorBox error={error} />
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('integrity.case.sendAnswer')}
      </button>
    </form>
  );
}

/** Investigators' questions; each unanswered one has its own answer box. */
export function Questions({ questions, token, onChanged }: { questions: StaffQuestion[]; token?: string; onChanged?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  if (questions.length === 0) return <p>{t('integrity.case.noQuestions')}</p>;
  return (
    <ol className="ig-questions">
      {questions.map((q) => (
        <li key={q.id} className="card" data-testid="integrity-question">
          <p className="card__meta">
            {t('integrity.case.askedAt', { when: formatDateTime(q.asked_at, lang) })}
            {q.asked_by && <> · {q.asked_by.display_name}</>}
          </p>
          <p className="description">{q.text}</p>
          {q.answer !== null && q.answer !== undefined ? (
            <div className="ig-answer">
              <p className="card__meta">{t('integrity.case.answeredAt', { when: formatDateTime(q.answered_at, lang) })}</p>
              <p className="description">{q.answer}</p>
            </div>
          ) : token && onChanged ? (
            <AnswerForm question={q} token={token} onAnswered={onChanged} />
          ) : (
            <p className="card__meta">{t('integrity.case.waitingAnswer')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
