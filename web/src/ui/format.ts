import type { Lang } from '../i18n';

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  th: new Intl.NumberFormat('th-TH'),
  en: new Intl.NumberFormat('en-GB'),
};

export function formatNumber(n: number | null | undefined, lang: Lang): string {
  return n === null || n === undefined ? '—' : numberFormats[lang].format(n);
}

export function formatPercent(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
