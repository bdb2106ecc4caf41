import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { setApiLanguage } from '../app/api';
import { message, switchLanguage } from './catalog';
import type { Lang, MessageKey } from './catalog';

export type { Lang, MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'demopolis.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'th' || saved === 'en') return saved;
  } catch {
    // storage may be blocked (private mode); Thai is the default anyway
  }
  return 'th';
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue | null>(null);

/** `initial` must already have its core loaded (main.tsx waits for it before rendering). */
export function LangProvider({ initial, children }: { initial: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  // Set synchronously so the very first requests already carry the right Accept-Language.
  setApiLanguage(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // The page keeps its language until every text it shows exists in the next one, so
  // no key ever flashes; a failed download leaves it as it was (clicking again retries).
  const setLang = useCallback((next: Lang) => {
    switchLanguage(next).then(
      (latest) => {
        if (!latest) return;
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // not persisted; still switch for this visit
        }
        setLangState(next);
      },
      (error: unknown) => console.error(error),
    );
  }, []);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('useLang outside LangProvider');
  return ctx;
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = message(lang, key) ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function useT(): Translate {
  const { lang } = useLang();
  return useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
}

/** Picks name_th or name_en for the current language (falls back to the other). */
export function useName(): (o: { name_th: string; name_en: string } | null | undefined) => string {
  const { lang } = useLang();
  return useCallback(
    (o) => (o ? (lang === 'th' ? o.name_th || o.name_en : o.name_en || o.name_th) : ''),
    [lang],
  );
}
