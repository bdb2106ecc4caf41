import { bahttext } from 'bahttext';

/**
 * Money is integer satang (1 baht = 100 satang) end to end; never a float in storage or
 * arithmetic. Amounts people type ("1,250,000.50", "30,000 บาท") are parsed exactly from
 * their digits, not through floating point.
 */
export const SATANG_PER_BAHT = 100n;
/** Larger than the whole BMA budget many times over; bounds typos and overflow. */
export const MAX_SATANG = 10n ** 15n;

export type MoneyError = 'not_a_number' | 'negative' | 'too_many_decimals' | 'too_large';

/**
 * A number's own shortest decimal form (String(n), not toFixed, which would round
 * 100.999 to "101.00" and accept it). Exponent forms are settled here: "1e+21" is far
 * past MAX_SATANG, "1e-7" is a fraction of a satang.
 */
function numberText(n: number): { text: string } | { error: MoneyError } {
  if (!Number.isFinite(n)) return { error: 'not_a_number' };
  if (n < 0) return { error: 'negative' };
  const text = String(n); // -0 prints as "0"
  if (/e\+/i.test(text)) return { error: 'too_large' };
  if (/e-/i.test(text)) return { error: 'too_many_decimals' };
  return { text };
}

export function parseBahtToSatang(input: string | number): { ok: true; satang: bigint } | { ok: false; error: MoneyError } {
  let raw: string;
  if (typeof input === 'number') {
    const n = numberText(input);
    if ('error' in n) return { ok: false, error: n.error };
    raw = n.text;
  } else {
    raw = input;
  }
  const text = raw
    .trim()
    .replace(/\s*(บาท|baht|฿)\s*$/i, '')
    .replace(/^฿\s*/, '')
    .replace(/,/g, '');
  if (/^-/.test(text)) return { ok: false, error: 'negative' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: 'not_a_number' };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: 'too_many_decimals' };
  const satang = BigInt(m[1]!) * SATANG_PER_BAHT + BigInt(decimals.padEnd(2, '0') || '0');
  if (satang > MAX_SATANG) return { ok: false, error: 'too_large' };
  return { ok: true, satang };
}

/** Round a computed share (e.g. a budget-weighted split) to whole satang, half away from zero. */
export function roundToSatang(value: number): bigint {
  return BigInt(Math.sign(value) * Math.round(Math.abs(value)));
}

/** "1,250,000.50" with Thai grouping; whole amounts keep their ".00" for official tables. */
export function formatSatang(satang: bigint, locale: 'th' | 'en' = 'th'): string {
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const baht = abs / SATANG_PER_BAHT;
  const rest = abs % SATANG_PER_BAHT;
  const grouped = new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-US').format(baht);
  return `${negative ? '-' : ''}${grouped}.${rest.toString().padStart(2, '0')}`;
}

/** The amount in Thai words, as official documents need it: "หนึ่งร้อยบาทถ้วน". */
export function satangToThaiWords(satang: bigint): string {
  if (satang < 0n) return `ลบ${satangToThaiWords(-satang)}`;
  // bahttext takes a number; satang up to MAX_SATANG/100 baht is exact in a double.
  return bahttext(Number(satang / SATANG_PER_BAHT) + Number(satang % SATANG_PER_BAHT) / 100);
}
