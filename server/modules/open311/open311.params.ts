import { o311 } from './open311.errors.ts';

/** GeoReport v2 defaults: "a span of 90 days or first 1000 requests, whichever is smallest". */
export const SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 24 * 3600 * 1000;
const BANGKOK_OFFSET_MS = 7 * 3600 * 1000;

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof STATUSES)[number];

type Raw = string | string[] | undefined;

/** "BKK-26-7Q4XKM.json" → { name, format }; anything else is not a resource here. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1).toLowerCase();
  return (FORMATS as readonly string[]).includes(format) ? { name: file.slice(0, dot), format: format as Format } : null;
}

/** One value; a parameter given twice is a mistake the client should hear about. */
export function single(raw: Raw, field: string): string | undefined {
  if (Array.isArray(raw)) {
    throw o311.badRequest(`ระบุ ${field} ได้ครั้งเดียว`, `${field} may be given only once`);
  }
  const value = raw?.trim();
  return value === '' ? undefined : value;
}

/** Comma-delimited lists, as the spec's filters take them (repeated parameters are joined). */
export function list(raw: Raw, field: string, max = MAX_PAGE_SIZE): string[] {
  if (raw === undefined) return [];
  const joined = Array.isArray(raw) ? raw.join(',') : raw;
  const items = [...new Set(joined.split(',').map((s) => s.trim()).filter(Boolean))];
  if (items.length > max) {
    throw o311.badRequest(`${field} มีได้ไม่เกิน ${max} ค่า`, `${field} may list at most ${max} values`);
  }
  return items;
}

export function statuses(raw: Raw): Open311Status[] {
  const items = list(raw, 'status').map((s) => s.toLowerCase());
  const wrong = items.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (wrong !== undefined) {
    throw o311.badRequest(`status ต้องเป็น open หรือ closed (ได้รับ "${wrong}")`, `status must be open or closed (got "${wrong}")`);
  }
  return items as Open311Status[];
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const W3C_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A W3C date-time (ISO 8601 profile) with its time zone, as the spec requires; a bare
 * date means that day in Bangkok. A "+07:00" sent unencoded arrives as " 07:00"; that
 * is read as the plus it was meant to be.
 */
export function parseW3c(raw: string, field: string): { at: Date; dateOnly: boolean } {
  const value = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const invalid = () =>
    o311.badRequest(
      `${field} ต้องเป็นวันเวลาแบบ W3C พร้อมเขตเวลา เช่น 2026-05-01T08:00:00+07:00 หรือวันที่ 2026-05-01 (ได้รับ "${raw}")`,
      `${field} must be a W3C date-time with its time zone, e.g. 2026-05-01T08:00:00+07:00, or a date such as 2026-05-01 (got "${raw}")`,
    );
  const date = W3C_DATE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utc = Date.UTC(y, m - 1, d);
    const check = new Date(utc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw invalid();
    return { at: new Date(utc - BANGKOK_OFFSET_MS), dateOnly: true };
  }
  const m = W3C_DATETIME.exec(value);
  if (!m) throw invalid();
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw invalid();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid();
  return { at, dateOnly: false };
}

/**
 * The window of requested_datetime to search, end exclusive. Without dates: the last
 * 90 days. With one date: 90 days from (or up to) it. With both: that range, which the
 * spec says may not span more than 90 days. An end given as a bare date includes that day.
 */
export function dateWindow(startRaw: string | undefined, endRaw: string | undefined, now = new Date()): { from: Date; to: Date } {
  const start = startRaw === undefined ? null : parseW3c(startRaw, 'start_date');
  const end = endRaw === undefined ? null : parseW3c(endRaw, 'end_date');
  const to = end ? new Date(end.at.getTime() + (end.dateOnly ? DAY_MS : 1)) : start ? new Date(start.at.getTime() + SPAN_DAYS * DAY_MS) : new Date(now.getTime() + 1);
  const from = start ? start.at : new Date(to.getTime() - SPAN_DAYS * DAY_MS);
  if (to.getTime() <= from.getTime()) {
    throw o311.badRequest('end_date ต้องอยู่หลัง start_date', 'end_date must be after start_date');
  }
  if (to.getTime() - from.getTime() > SPAN_DAYS * DAY_MS) {
    throw o311.badRequest(
      `ช่วง start_date ถึง end_date ยาวได้ไม่เกิน ${SPAN_DAYS} วัน กรุณาแบ่งค้นทีละช่วง`,
      `start_date to end_date may not span more than ${SPAN_DAYS} days; query one span at a time`,
    );
  }
  return { from, to };
}

function positiveInt(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw o311.badRequest(`${field} ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง ${max}`, `${field} must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

/** The common paging extension: page from 1, page_size up to the spec's 1000. */
export function paging(pageRaw: string | undefined, sizeRaw: string | undefined): { page: number; pageSize: number } {
  return {
    page: positiveInt(pageRaw, 'page', 1, 1_000_000),
    pageSize: positiveInt(sizeRaw, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

export function isTrue(raw: string | undefined): boolean {
  return raw !== undefined && ['true', '1', 'yes'].includes(raw.toLowerCase());
}

/** Bangkok has no daylight saving: every time goes out at +07:00, to the second. */
export function toW3c(value: Date | string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value);
  return `${new Date(d.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** application/x-www-form-urlencoded, as the spec posts it; the first value of a field wins. */
export function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (!(key in out)) out[key] = value;
  }
  return out;
}
