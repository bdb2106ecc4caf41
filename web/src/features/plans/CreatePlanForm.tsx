// Start (or open) the agency's plan for a fiscal year. A planner works on their own
// agency's plan; an administrator picks the agency.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, fieldErrors, qs } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useName, useT } from '../../i18n';
import { AgencySelect } from '../../ui/AgencySelect';
import { ErrorBox } from '../../ui/ErrorBox';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/hooks';
import { currentFiscalYear, plannableYears } from './types';
import type { PlanDetail, PlanList } from './types';

export function CreatePlanForm() {
  const t = useT();
  const name = useName();
  const navigate = useNavigate();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const [fiscalYear, setFiscalYear] = useState(String(currentFiscalYear()));
  const [agencyCode, setAgencyCode] = useState(user?.agency?.code ?? '');
  const { busy, error, run } = useAction();
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(async () => {
      try {
        return (await api.post<PlanDetail>('/api/v1/plans', { agency_code: agencyCode, fiscal_year: Number(fiscalYear) })).id;
      } catch (err) {
        // The plan for that year exists already: open it instead of failing.
        const status = (err as { status?: number }).status;
        if (status !== 409) throw err;
        const found = await api.get<PlanList>(`/api/v1/plans${qs({ agency_code: agencyCode, fiscal_year: fiscalYear })}`);
        if (!found.items[0]) throw err;
        return found.items[0].id;
      }
    });
    if (result.ok) navigate(`/plans/${result.value}`);
  };

  return (
    <section className="section" aria-labelledby="create-plan-heading">
      <h2 id="create-plan-heading">{t('plans.create.title')}</h2>
      <p>{isAdmin ? t('plans.create.leadAdmin') : t('plans.create.lead', { agency: name(user?.agency) })}</p>
      <form className="form" onSubmit={submit} noValidate>
        {isAdmin && (
          <Field id="plan-agency" label={t('plans.create.agency')} error={errors.agency_code} required>
            {(control) => <AgencySelect {...control} value={agencyCode} onChange={setAgencyCode} exclude={[]} />}
          </Field>
        )}
        <Field id="plan-fiscal-year" label={t('plans.create.fiscalYear')} hint={t('plans.create.fiscalYearHint')} error={errors.fiscal_year} required>
          {(control) => (
            <select {...control} value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)}>
              {plannableYears().map((y) => (
                <option key={y} value={y}>
                  {t('plans.fy', { year: y })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorBox error={error && !errors.fiscal_year && !errors.agency_code ? error : null} focus />
        <button type="submit" className="btn btn--primary" disabled={busy || !agencyCode}>
          {t('plans.create.submit')}
        </button>
      </form>
    </section>
  );
}
