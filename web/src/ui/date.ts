// Dates are always shown in Bangkok time: Buddhist Era in Thai, Gregorian in English.
import type { Lang } from '../i18n';

const TZ = 'Asia/Bangkok';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-gregory';
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TZ,
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  const d = value ? toDate(value) : null;
  return d ? formatter(lang, true).format(d) : '—';
}

export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  const d = value ? toDate(value) : null;
  return d ? formatter(lang, false).format(d) : '—';
}

/** Hours as "2 วัน 3 ชม." / "2 d 3 h"; under an hour in minutes. */
export function formatHours(hours: number | null | undefined, lang: Lang): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const u =
    lang === 'th'
      ? { d: 'วัน', h: 'ชม.', m: 'นาที' }
      : { d: 'd', h: 'h', m: 'min' };
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} ${u.m}`;
  let days = Math.floor(hours / 24);
  let rest = Math.round(hours - days * 24);
  if (rest === 24) {
    days += 1;
    rest = 0;
  }
  if (days === 0) return `${rest} ${u.h}`;
  return rest === 0 ? `${days} ${u.d}` : `${days} ${u.d} ${rest} ${u.h}`;
}

/** Today's date in Bangkok as YYYY-MM-DD (for date inputs). */
export function bangkokToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
}
