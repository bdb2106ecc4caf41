import { publicId } from '../../platform/auth/tokens.ts';

/** Tracking numbers people can read aloud: BKK-26-7Q4XKM (year, then 6 unambiguous characters). */
export function newTrackingCode(now = new Date()): string {
  const year = String(now.getUTCFullYear() % 100).padStart(2, '0');
  return `BKK-${year}-${publicId(6)}`;
}

export const TRACKING_CODE_RE = /^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/;

/** Accepts what people type: lower case, spaces, missing dashes. */
export function normaliseTrackingCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  const m = /^BKK(\d{2})([2-9A-HJ-NP-Z]{6})$/.exec(compact);
  return m ? `BKK-${m[1]}-${m[2]}` : null;
}
