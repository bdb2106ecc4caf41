import type { Named } from '../app/types';
import { useName } from '../i18n';

/** <option>s for a list of named things, sorted by the shown name. */
export function NamedOptions({ items }: { items: Named[] | undefined }) {
  const name = useName();
  const sorted = [...(items ?? [])].sort((a, b) => name(a).localeCompare(name(b), 'th'));
  return (
    <>
      {sorted.map((i) => (
        <option key={i.code} value={i.code}>
          {name(i)}
        </option>
      ))}
    </>
  );
}
