import { useMemo } from 'react';
import type { Named } from '../../app/types';
import { useName, useT } from '../../i18n';
import type { MessageKey } from '../../i18n';
import type { AllegationKind, Person } from './types';

/** Human names for the codes the integrity API sends; an unknown code is shown as it came. */
export function useLabels() {
  const t = useT();
  const name = useName();
  return useMemo(() => {
    const known = (key: string, fallback: string): string => {
      const text = t(key as MessageKey);
      return text === key ? fallback : text;
    };
    return {
      stage: (s: string) => known(`integrity.stage.${s}`, s),
      finding: (f: string | null | undefined) => (f ? known(`integrity.finding.${f}`, f) : '—'),
      sanction: (k: string) => known(`integrity.sanction.${k}`, k),
      referTo: (r: string) => known(`integrity.refer.${r}`, r),
      channel: (c: string) => known(`integrity.channel.${c}`, known(`channel.${c}`, c)),
      linkType: (l: string) => known(`integrity.linkType.${l}`, l),
      requestStatus: (s: string) => known(`integrity.idreq.${s}`, s),
      decision: (d: string) => known(`integrity.decision.${d}`, d),
      event: (e: string) => known(`integrity.event.${e}`, e),
      kind: (k: AllegationKind) => {
        if (!k) return '—';
        if (typeof k === 'object') return name(k as Named);
        return known(`integrity.kind.${k}`, k);
      },
      person: (p: string | Person | null | undefined) => {
        if (!p) return '—';
        if (typeof p === 'string') return known(`integrity.by.${p}`, p);
        return p.display_name;
      },
    };
  }, [t, name]);
}

export function formatBytes(bytes: number, lang: string): string {
  const nf = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}

export function formatBaht(amount: number | string | null | undefined, lang: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const text = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
  return lang === 'th' ? `${text} บาท` : `THB ${text}`;
}
