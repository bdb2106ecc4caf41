/**
 * The Thai government fiscal year: 1 October – 30 September, named by the Buddhist Era
 * year in which it ends (FY 2570 = 2026-10-01 … 2027-09-30), in Bangkok time (UTC+7,
 * no daylight saving). One helper for the whole platform (DESIGN §6).
 */
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;
export const BE_OFFSET = 543;

export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BE_OFFSET;
}

export function toGregorianYear(buddhistYear: number): number {
  return buddhistYear - BE_OFFSET;
}

/** The fiscal year (BE) an instant falls in, judged on the Bangkok calendar. */
export function fiscalYearOf(instant: Date): number {
  const bangkok = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  const year = bangkok.getUTCFullYear();
  const endsInGregorian = bangkok.getUTCMonth() >= 9 ? year + 1 : year; // October (month 9) starts the next year
  return toBuddhistYear(endsInGregorian);
}

export interface FiscalYearRange {
  fiscalYear: number;
  /** First instant: 1 October 00:00 Bangkok. */
  start: Date;
  /** First instant after the year: 1 October of the next year, 00:00 Bangkok (exclusive). */
  end: Date;
}

/** Plausible fiscal years for plans: BMA records go back decades; 2400–2700 BE bounds typos. */
export function isValidFiscalYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2400 && value <= 2700;
}

export function fiscalYearRange(fiscalYear: number): FiscalYearRange {
  if (!isValidFiscalYear(fiscalYear)) throw new RangeError(`${fiscalYear} is not a fiscal year in the Buddhist Era (e.g. 2570)`);
  const endsIn = toGregorianYear(fiscalYear);
  const start = new Date(Date.UTC(endsIn - 1, 9, 1) - BANGKOK_OFFSET_MS);
  const end = new Date(Date.UTC(endsIn, 9, 1) - BANGKOK_OFFSET_MS);
  return { fiscalYear, start, end };
}

/** "ปีงบประมาณ 2570" / "FY 2570 (Oct 2026 – Sep 2027)". */
export function fiscalYearLabel(fiscalYear: number, locale: 'th' | 'en'): string {
  const endsIn = toGregorianYear(fiscalYear);
  return locale === 'th' ? `ปีงบประมาณ ${fiscalYear}` : `FY ${fiscalYear} (Oct ${endsIn - 1} – Sep ${endsIn})`;
}
