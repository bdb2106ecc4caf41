import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, qs } from '../../app/api';
import { useName, useT } from '../../i18n';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction, useApi, usePageTitle } from '../../ui/hooks';
import { ActivitiesEditor } from './ActivitiesEditor';
import { BudgetLinesEditor } from './BudgetLinesEditor';
import { bodyOf, dateBounds, emptyForm, formFrom, problemsOf, type FormState } from './form';
import type { DraftingContext, Proposal } from './types';
import './proposals.css';

/**
 * Writing a proposal (/proposals/new?community=<code>) and editing one
 * (/proposals/:id/edit): the committee's own form. "Save draft" keeps it for the
 * committee; "Submit" saves and sends it to the district office.
 */
export default function ProposalFormPage() {
  const t = useT();
  const { id } = useParams();
  const [params] = useSearchParams();
  const editing = id !== undefined;
  const existing = useApi<Proposal>(editing ? `/api/v1/proposals/${encodeURIComponent(id)}` : null);
  const communityCode = editing ? existing.data?.community.code : params.get('community') ?? undefined;
  const context = useApi<DraftingContext>(editing && !existing.data ? null : `/api/v1/proposals/drafting${qs({ community: communityCode })}`);
  usePageTitle(t(editing ? 'proposals.form.editTitle' : 'proposals.form.newTitle'));

  const error = existing.error ?? context.error;
  if (error) {
    return (
      <section className="notice">
        <h1>{t(editing ? 'proposals.form.editTitle' : 'proposals.form.newTitle')}</h1>
        <ErrorBox error={error} />
      </section>
    );
  }
  if (!context.data || (editing && !existing.data)) return <Loading />;
  if (existing.data && !existing.data.abilities.edit) {
    return (
      <section className="notice">
        <h1>{t('proposals.form.editTitle')}</h1>
        <p>{t('proposals.form.notEditable')}</p>
        <Link to={`/proposals/${encodeURIComponent(existing.data.id)}`}>{t('proposals.form.backToProposal')}</Link>
      </section>
    );
  }
  return <ProposalForm context={context.data} proposal={existing.data ?? null} />;
}

function ProposalForm({ context, proposal }: { context: DraftingContext; proposal: Proposal | null }) {
  const t = useT();
  const name = useName();
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>(() => (proposal ? formFrom(proposal) : emptyForm()));
  // Once the draft exists (even if submitting it then failed), later saves update it.
  const [savedId, setSavedId] = useState<string | null>(proposal?.id ?? null);
  const [status, setStatus] = useState('');
  const { busy, error, run } = useAction();
  const problems = problemsOf(error, form);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => setStatus(''), [form]);

  // Needs already linked stay listed even if the community closed them since.
  const needs = [...context.needs, ...(proposal?.needs ?? []).filter((n) => !context.needs.some((c) => c.id === n.id)).map((n) => ({ ...n, rank: 0 }))];
  const fiscalYears = [...new Set([...context.fiscal_years, ...(proposal?.fiscal_year ? [proposal.fiscal_year] : [])])].sort();

  const save = async (submit: boolean) => {
    setStatus('');
    const result = await run(async () => {
      let pid = savedId;
      if (pid) {
        await api.patch<Proposal>(`/api/v1/proposals/${encodeURIComponent(pid)}`, bodyOf(form));
      } else {
        const created = await api.post<Proposal>('/api/v1/proposals', { community_code: context.community.code, ...bodyOf(form) });
        pid = created.id;
        setSavedId(pid);
      }
      if (submit) await api.post<Proposal>(`/api/v1/proposals/${encodeURIComponent(pid)}/submit`, {});
      return pid;
    });
    if (!result.ok) return;
    if (submit || !proposal) navigate(`/proposals/${encodeURIComponent(result.value)}`);
    else setStatus(t('proposals.form.saved'));
  };

  const text = (key: 'title' | 'problem' | 'objectives' | 'beneficiaries' | 'districtPolicy', id: string, label: string, opts: { rows?: number; required?: boolean; hint?: string; apiName?: string } = {}) => (
    <Field id={id} label={label} required={opts.required} hint={opts.hint} error={problems[opts.apiName ?? key]}>
      {(a) => (opts.rows
        ? <textarea {...a} rows={opts.rows} value={form[key]} onChange={(e) => set(key, e.target.value)} />
        : <input {...a} value={form[key]} onChange={(e) => set(key, e.target.value)} />)}
    </Field>
  );

  return (
    <form className="form proposal-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(false); }}>
      <h1>{t(proposal ? 'proposals.form.editTitle' : 'proposals.form.newTitle')}</h1>
      <p className="lead">
        {t('proposals.form.for', { community: name({ name_th: context.community.name_th, name_en: context.community.name_en ?? '' }), district: name(context.district) })}
        {context.is_demo && <> <span className="badge badge--demo">{t('common.demo')}</span></>}
      </p>
      <ErrorBox error={error} focus title={Object.keys(problems).length > 0 ? t('proposals.form.errors') : undefined} />

      <section className="section" aria-labelledby="pf-about">
        <h2 id="pf-about">{t('proposals.form.about')}</h2>
        {text('title', 'proposal-title', t('proposals.form.title'), { required: true })}
        {text('problem', 'proposal-problem', t('proposals.form.problem'), { rows: 4, hint: t('proposals.form.problemHint') })}
        <fieldset className={`field${problems.need_ids ? ' field--error' : ''}`} aria-describedby={problems.need_ids ? 'proposal-needs-error' : undefined}>
          <legend className="field__legend">{t('proposals.form.needs')}</legend>
          {needs.length === 0 && <p className="field__hint">{t('proposals.form.needsNone')}</p>}
          {needs.map((n) => (
            <label key={n.id} className="field--check need-check" htmlFor={`need-${n.id}`}>
              <input
                id={`need-${n.id}`}
                type="checkbox"
                checked={form.needIds.includes(n.id)}
                onChange={(e) => set('needIds', e.target.checked ? [...form.needIds, n.id] : form.needIds.filter((x) => x !== n.id))}
              />
              <span>
                {n.title} <span className="field__hint">({t('proposals.form.needHouseholds', { n: n.households_affected })})</span>
              </span>
            </label>
          ))}
          {problems.need_ids && <p className="field__error" id="proposal-needs-error">{problems.need_ids}</p>}
        </fieldset>
        {text('objectives', 'proposal-objectives', t('proposals.form.objectives'), { rows: 3 })}
        <ActivitiesEditor activities={form.activities} onChange={(v) => set('activities', v)} problems={problems} />
        {text('beneficiaries', 'proposal-beneficiaries', t('proposals.form.beneficiaries'), { rows: 2 })}
        <Field id="proposal-beneficiaries-count" label={t('proposals.form.beneficiariesCount')} error={problems.beneficiaries_count}>
          {(a) => <input {...a} className="input--short" inputMode="numeric" value={form.beneficiariesCount} onChange={(e) => set('beneficiariesCount', e.target.value.replace(/[^\d]/g, ''))} />}
        </Field>
        <fieldset>
          <legend className="field__legend">{t('proposals.form.period')}</legend>
          <div className="grid-2">
            <Field id="proposal-starts-on" label={t('proposals.form.startsOn')} error={problems.starts_on}>
              {(a) => <input {...a} type="date" {...dateBounds()} value={form.startsOn} onChange={(e) => set('startsOn', e.target.value)} />}
            </Field>
            <Field id="proposal-ends-on" label={t('proposals.form.endsOn')} error={problems.ends_on}>
              {(a) => <input {...a} type="date" {...dateBounds()} value={form.endsOn} onChange={(e) => set('endsOn', e.target.value)} />}
            </Field>
          </div>
        </fieldset>
      </section>

      <section className="section" aria-labelledby="pf-policy">
        <h2 id="pf-policy">{t('proposals.form.policy')}</h2>
        <Field id="proposal-strategy" label={t('proposals.form.strategy')} error={problems.strategy_code}>
          {(a) => (
            <select {...a} value={form.strategyCode} onChange={(e) => set('strategyCode', e.target.value)}>
              <option value="">{t('proposals.form.strategyNone')}</option>
              {context.strategies.map((s) => <option key={s.code} value={s.code}>{name(s)}</option>)}
            </select>
          )}
        </Field>
        {text('districtPolicy', 'proposal-district-policy', t('proposals.form.districtPolicy'), { apiName: 'district_policy' })}
        <Field id="proposal-fiscal-year" label={t('proposals.form.fiscalYear')} error={problems.fiscal_year}>
          {(a) => (
            <select {...a} value={form.fiscalYear} onChange={(e) => set('fiscalYear', e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {fiscalYears.map((y) => <option key={y} value={String(y)}>{t('proposals.form.fiscalYearOption', { year: y })}</option>)}
            </select>
          )}
        </Field>
      </section>

      <section className="section" aria-labelledby="pf-budget">
        <h2 id="pf-budget">{t('proposals.form.budget')}</h2>
        <BudgetLinesEditor lines={form.lines} onChange={(v) => set('lines', v)} problems={problems} />
      </section>

      <p className="field__hint">{t('proposals.form.submitHint')}</p>
      <div className="row">
        <button type="submit" className="btn" disabled={busy}>{t('proposals.form.saveDraft')}</button>
        <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void save(true)}>{t('proposals.form.submit')}</button>
      </div>
      <p role="status" className="status">{status}</p>
    </form>
  );
}
