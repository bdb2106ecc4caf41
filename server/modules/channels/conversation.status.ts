/** The answer to a status command: a report's state in one sentence someone can read aloud. */
import type { Locale } from '../../platform/i18n/locale.ts';
import { CLOSE_REASONS, say, TEXTS } from './conversation.texts.ts';

const name = (c: { name_th: string; name_en: string }, locale: Locale) => (locale === 'en' ? c.name_en : c.name_th);

export interface StatusReport {
  code: string;
  state: 'received' | 'in_progress' | 'fixed' | 'closed';
  close_reason: string | null;
  category: { name_th: string; name_en: string };
  district: { name_th: string; name_en: string } | null;
  agency: { name_th: string; name_en: string };
  created_at: string;
}
export type StatusLookup = { code: string; report: StatusReport | null; unavailable?: boolean };

const DATE_FORMAT: Record<Locale, Intl.DateTimeFormat> = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'medium', timeZone: 'Asia/Bangkok' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Bangkok' }),
};

/** The answer to "สถานะ <number>" / "status <number>". */
export function statusText(lookup: StatusLookup | null, code: string, l: Locale): string {
  if (!lookup || lookup.unavailable) return say(TEXTS.statusUnavailable, l);
  const r = lookup.report;
  if (!r) return say(TEXTS.statusNotFound, l, { code });
  const agency = name(r.agency, l);
  const reason = r.close_reason && CLOSE_REASONS[r.close_reason] ? ` (${CLOSE_REASONS[r.close_reason]![l]})` : '';
  const state = {
    received: () => say(TEXTS.statusReceived, l, { agency }),
    in_progress: () => say(TEXTS.statusInProgress, l, { agency }),
    fixed: () => say(TEXTS.statusFixed, l, { agency }),
    closed: () => say(TEXTS.statusClosed, l, { reason }),
  }[r.state]();
  const district = r.district ? (l === 'en' ? `, ${r.district.name_en}` : ` เขต${r.district.name_th}`) : '';
  return say(TEXTS.statusSentence, l, { code: r.code, category: name(r.category, l), district, date: DATE_FORMAT[l].format(new Date(r.created_at)), state });
}
