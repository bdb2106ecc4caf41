// Money is integer satang end to end (DESIGN.md §6); never turn it into a float.
import type { Lang } from '../i18n';

export function formatSatang(satang: bigint | number | string, lang: Lang): string {
  const value = BigInt(satang);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const baht = abs / 100n;
  const sat = abs % 100n;
  const grouped = baht.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${negative ? '-' : ''}${grouped}.${sat.toString().padStart(2, '0')}`;
  return lang === 'th' ? `${amount} บาท` : `THB ${amount}`;
}
