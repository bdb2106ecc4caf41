import type { Lang } from '../../../i18n';
import type { IntegrityFigures } from '../types';

/** The server's plain-words definition of a figure, in the UI language (Thai if missing). */
export function definitionOf(f: IntegrityFigures, keys: string[], lang: Lang): string | null {
  const d = f.definitions ?? {};
  for (const k of keys) {
    const text = d[`${k}_${lang}`] ?? d[`${k}_th`];
    if (text) return text;
  }
  return null;
}

export function monthLabel(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15));
  return new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export interface MonthRow {
  month: string;
  total: number;
  [channel: string]: number | string;
}

/** by_month rows pivoted: one row per month, one column per channel. */
export function pivotByMonth(f: IntegrityFigures): { channels: string[]; rows: MonthRow[] } {
  const channels = [...new Set(f.by_month.map((r) => r.channel))].sort();
  const byMonth = new Map<string, MonthRow>();
  for (const r of f.by_month) {
    let row = byMonth.get(r.month);
    if (!row) {
      row = { month: r.month, total: 0 };
      for (const c of channels) row[c] = 0;
      byMonth.set(r.month, row);
    }
    row[r.channel] = Number(row[r.channel] ?? 0) + r.received;
    row.total += r.received;
  }
  return { channels, rows: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}

export const CHANNEL_COLOURS = ['#1d4ed8', '#047857', '#b45309', '#6d28d9', '#be123c', '#374151'];
