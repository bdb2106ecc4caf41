export const LOCALES = ['th', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Thai first: English only when the client prefers it over Thai. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'th';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag.startsWith('th') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'th';
}

/** A message in both languages; every user-facing text the server sends is one. */
export interface Bilingual {
  th: string;
  en: string;
}
