import type { Agency } from '../app/types';
import { useName, useT } from '../i18n';
import { useShared } from './hooks';
import type { ControlProps } from './Field';

const KINDS = ['district_office', 'department', 'external'] as const;

interface Props extends ControlProps {
  value: string;
  onChange: (code: string) => void;
  exclude?: string[];
}

export function AgencySelect({ value, onChange, exclude = [], ...control }: Props) {
  const t = useT();
  const name = useName();
  const { data } = useShared<{ items: Agency[] }>('/api/v1/agencies');
  const items = (data?.items ?? []).filter((a) => !exclude.includes(a.code));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('common.choose')}</option>
      {KINDS.map((kind) => {
        const group = items.filter((a) => a.kind === kind).sort((a, b) => name(a).localeCompare(name(b), 'th'));
        if (group.length === 0) return null;
        return (
          <optgroup key={kind} label={t(`staff.agencyKind.${kind}`)}>
            {group.map((a) => (
              <option key={a.code} value={a.code}>
                {name(a)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
