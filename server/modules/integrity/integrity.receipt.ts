import crypto from 'node:crypto';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { publicId } from '../../platform/auth/tokens.ts';

/**
 * The whistleblower's receipt: a case number plus a secret of 8 groups of 5 digits
 * (10^40 ≈ 2^132.9, over the 128 bits asked for). Digits, because people copy them onto
 * paper and read them over the phone. Stored only as an argon2id hash (OWASP
 * parameters, random salt of its own inside the encoded hash).
 */
export const RECEIPT_GROUPS = 8;
export const RECEIPT_GROUP_DIGITS = 5;
export const RECEIPT_DIGITS = RECEIPT_GROUPS * RECEIPT_GROUP_DIGITS;

export interface Receipt {
  secret: string;
  groups: string[];
  display: string;
}

export function newReceipt(): Receipt {
  const groups = Array.from({ length: RECEIPT_GROUPS }, () => String(crypto.randomInt(0, 10 ** RECEIPT_GROUP_DIGITS)).padStart(RECEIPT_GROUP_DIGITS, '0'));
  return { secret: groups.join(''), groups, display: groups.join(' ') };
}

/** What people type back: spaces, dashes, Thai digits. null when it cannot be a receipt. */
export function normaliseReceipt(raw: string): string | null {
  const western = raw.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  const digits = western.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

export const hashReceipt = (secret: string) => hashPassword(secret);

let dummy: Promise<string> | null = null;

/**
 * Checks a receipt with the same work whether or not there is a case: an unknown case
 * number (or a malformed secret) is verified against a dummy hash, so timing says nothing.
 */
export async function checkReceipt(storedHash: string | null, typed: string): Promise<boolean> {
  const secret = normaliseReceipt(typed);
  dummy ??= hashPassword(newReceipt().secret);
  const target = storedHash ?? (await dummy);
  const ok = await verifyPassword(target, secret ?? '0'.repeat(RECEIPT_DIGITS));
  return ok && storedHash !== null && secret !== null;
}

/** INT-26-7Q4XKM: the year, then six characters with no look-alikes. */
export function newCaseNumber(now = new Date()): string {
  return `INT-${String(now.getUTCFullYear() % 100).padStart(2, '0')}-${publicId(6)}`;
}

export const CASE_NUMBER_RE = /^INT-\d{2}-[2-9A-HJ-NP-Z]{6}$/;

export function normaliseCaseNumber(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '');
  const m = /^INT(\d{2})([2-9A-HJ-NP-Z]{6})$/.exec(compact);
  return m ? `INT-${m[1]}-${m[2]}` : null;
}

/**
 * Progressive slow-down per case number after wrong receipts: three free tries, then
 * waits doubling from 2 seconds up to an hour. Returns the milliseconds still to wait.
 */
export function accessWaitMs(failures: number, lastFailureAt: Date | null, now = new Date()): number {
  if (failures < 3 || !lastFailureAt) return 0;
  const wait = Math.min(2 ** (failures - 2) * 1000, 3600_000);
  return Math.max(0, lastFailureAt.getTime() + wait - now.getTime());
}
