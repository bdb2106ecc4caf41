import { useT } from '../../i18n';
import { dateBounds, emptyActivity, type ActivityInput } from './form';

interface Props {
  activities: ActivityInput[];
  onChange: (activities: ActivityInput[]) => void;
  problems: Record<string, string>;
}

export function ActivitiesEditor({ activities, onChange, problems }: Props) {
  const t = useT();
  const set = (i: number, patch: Partial<ActivityInput>) => onChange(activities.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const field = (i: number, name: keyof ActivityInput, apiName: string, label: string, type: string) => {
    const id = `activity-${i}-${apiName.replace('_', '-')}`;
    const error = problems[`activities.${i}.${apiName}`];
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <input id={id} type={type} {...(type === 'date' ? dateBounds() : {})} value={activities[i]![name]} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => set(i, { [name]: e.target.value })} />
        {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
      </div>
    );
  };
  return (
    <fieldset className="activities-editor">
      <legend>{t('proposals.form.activities')}</legend>
      <ol className="activity-list">
        {activities.map((_, i) => (
          <li key={i}>
            <fieldset className="activity">
            <legend className="budget-line__legend">{t('proposals.form.activity', { n: i + 1 })}</legend>
            {field(i, 'title', 'title', t('proposals.form.activityTitle'), 'text')}
            <div className="grid-2">
              {field(i, 'startsOn', 'starts_on', t('proposals.form.startsOn'), 'date')}
              {field(i, 'endsOn', 'ends_on', t('proposals.form.endsOn'), 'date')}
            </div>
            <button type="button" className="btn btn--small btn--danger-quiet" onClick={() => onChange(activities.filter((_, j) => j !== i))}>
              {t('proposals.form.removeActivity', { n: i + 1 })}
            </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn--small" onClick={() => onChange([...activities, emptyActivity()])}>
        {t('proposals.form.addActivity')}
      </button>
    </fieldset>
  );
}
