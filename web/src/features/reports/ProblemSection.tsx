import { useEffect, useState } from 'react';
import { api, qs } from '../../app/api';
import type { Category, CategorySuggestion } from '../../app/types';
import { useName, useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { NamedOptions } from '../../ui/NamedOptions';
import { useDebounced, useShared } from '../../ui/hooks';

export const DESCRIPTION_MAX = 4000;

interface Props {
  description: string;
  onDescription: (text: string) => void;
  category: string;
  /** picked=true once the person chose a category themselves; suggestions never override that. */
  onCategory: (code: string, picked: boolean) => void;
  picked: boolean;
  errors: Record<string, string>;
}

function useSuggestions(text: string): CategorySuggestion[] {
  const debounced = useDebounced(text.trim(), 400);
  const [items, setItems] = useState<CategorySuggestion[]>([]);
  useEffect(() => {
    if (debounced.length < 3) {
      setItems([]);
      return;
    }
    const ac = new AbortController();
    api
      .get<CategorySuggestion[]>(`/api/v1/categories/suggest${qs({ text: debounced })}`, { signal: ac.signal })
      .then((list) => setItems(Array.isArray(list) ? list.slice(0, 3) : []), () => undefined);
    return () => ac.abort();
  }, [debounced]);
  return items;
}

export function ProblemSection({ description, onDescription, category, onCategory, picked, errors }: Props) {
  const t = useT();
  const name = useName();
  const { data: cats } = useShared<{ items: Category[] }>('/api/v1/categories');
  const suggestions = useSuggestions(description);

  useEffect(() => {
    const top = suggestions[0];
    if (!picked && top && top.code !== category) onCategory(top.code, false);
    // category/onCategory left out on purpose: only a new suggestion may change the choice.
  }, [suggestions, picked]);

  return (
    <fieldset className="section">
      <legend>
        <h2>{t('new.what')}</h2>
      </legend>
      <Field
        id="description"
        label={t('new.description')}
        required
        error={errors.description}
        hint={
          <>
            {t('new.descriptionHint')}{' '}
            <span className="counter">
              {t('new.counter', { n: description.length, max: DESCRIPTION_MAX })}
            </span>
          </>
        }
      >
        {(a) => (
          <textarea
            {...a}
            name="description"
            rows={5}
            maxLength={DESCRIPTION_MAX}
            value={description}
            onChange={(e) => onDescription(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="category"
        label={t('new.category')}
        required
        error={errors.category}
        hint={!picked && category ? t('new.suggestedAuto') : undefined}
      >
        {(a) => (
          <select
            {...a}
            name="category"
            value={category}
            onChange={(e) => onCategory(e.target.value, e.target.value !== '')}
          >
            <option value="">{t('common.choose')}</option>
            <NamedOptions items={cats?.items} />
          </select>
        )}
      </Field>
      {suggestions.length > 0 && (
        <div className="chips" role="group" aria-labelledby="suggest-label">
          <span id="suggest-label">{t('new.suggested')}</span>
          {suggestions.map((s) => (
            <button
              key={s.code}
              type="button"
              className="chip"
              aria-pressed={category === s.code}
              onClick={() => onCategory(s.code, true)}
            >
              {name(s)}
            </button>
          ))}
        </div>
      )}
    </fieldset>
  );
}
