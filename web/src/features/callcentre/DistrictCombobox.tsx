import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useName } from '../../i18n';
import type { ControlProps } from '../../ui/Field';
import { districtMatches, exactDistrict } from './districts';
import type { DistrictRef } from './types';

interface Props extends ControlProps {
  districts: readonly DistrictRef[];
  text: string;
  /** Called with what is typed and the district it names exactly (null when none yet). */
  onChange: (text: string, district: DistrictRef | null) => void;
}

/**
 * A type-ahead district field (ARIA 1.2 combobox with a list): type part of a Thai or
 * English name or a code, ↓/↑ to move, Enter or Tab to take the highlighted one,
 * Esc to close. Typing a full name is enough on its own.
 */
export function DistrictCombobox({ districts, text, onChange, ...control }: Props) {
  const name = useName();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const exact = useMemo(() => exactDistrict(text, districts), [text, districts]);
  const matches = useMemo(() => districtMatches(text, districts), [text, districts]);
  const showList = open && matches.length > 0 && !(exact && matches.length === 1);
  const optionId = (i: number) => `${listId}-opt-${i}`;

  const pick = (d: DistrictRef) => {
    onChange(name(d), d);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const n = matches.length;
      if (n > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && showList) {
      e.preventDefault();
      const d = matches[active];
      if (d) pick(d);
    } else if (e.key === 'Tab' && showList && !exact) {
      const d = matches[active];
      if (d) pick(d);
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="combobox">
      <input
        {...control}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList ? optionId(active) : undefined}
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          onChange(value, exactDistrict(value, districts));
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="combobox__list" hidden={!showList}>
        {matches.map((d, i) => (
          <li
            key={d.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            // mousedown, not click: the input must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(d);
            }}
          >
            {name(d)} <span className="combobox__meta">{d.code}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
