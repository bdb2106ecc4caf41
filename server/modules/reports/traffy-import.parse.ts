/**
 * Pure reading of Traffy Fondue open-dataset rows: no database, no files. Everything
 * that can be wrong with a row is decided here, so the rules are unit-tested and the
 * importer only has to store what passed.
 */
import type { ReportState } from '../../platform/db/schema.ts';
import { CLOSE_REASONS, type CloseReason } from './reports.states.ts';

/** Columns of the open dataset (https://publicapi.traffy.in.th/dump-csv-chadchart/...). */
export const TRAFFY_COLUMNS = [
  'ticket_id', 'type', 'organization', 'comment', 'coords', 'photo', 'photo_after', 'address',
  'subdistrict', 'district', 'province', 'timestamp', 'state', 'star', 'count_reopen', 'last_activity',
] as const;
export type TraffyColumn = (typeof TRAFFY_COLUMNS)[number];
export type TraffyRecord = Partial<Record<TraffyColumn, string>>;

/** Columns without which a row cannot become a report. */
export const REQUIRED_COLUMNS: readonly TraffyColumn[] = ['ticket_id', 'comment', 'coords', 'timestamp', 'state'];

/**
 * `{ถนน,ทางเท้า}` is a PostgreSQL array literal (the dataset is a database dump), so an
 * element may be double-quoted when it holds a comma or a space. Empty set → [].
 */
export function parseTypeSet(raw: string | undefined): string[] {
  const text = (raw ?? '').trim();
  if (text === '' || text === '{}') return [];
  const inner = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text;
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (quoted && ch === '\\' && i + 1 < inner.length) {
      current += inner[++i];
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  const types = out.map((t) => t.trim()).filter((t) => t !== '' && t.toUpperCase() !== 'NULL');
  return [...new Set(types)];
}

/** Traffy writes "lon,lat" (GeoJSON order). Null when it is not a usable coordinate pair. */
export function parseCoords(raw: string | undefined): { lat: number; lng: number } | null {
  const parts = (raw ?? '').split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => !/^[+-]?\d+(\.\d+)?$/.test(p))) return null;
  const lng = Number(parts[0]);
  const lat = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  // 0,0 is what a phone without a fix sends; it is in the Gulf of Guinea, not a report.
  if (lat === 0 && lng === 0) return null;
  return { lat, lng };
}

export interface MappedState {
  state: ReportState;
  closeReason: CloseReason | null;
}

const RECEIVED: MappedState = { state: 'received', closeReason: null };
const IN_PROGRESS: MappedState = { state: 'in_progress', closeReason: null };
const FIXED: MappedState = { state: 'fixed', closeReason: null };
const closed = (closeReason: CloseReason): MappedState => ({ state: 'closed', closeReason });

/** Exact Traffy state labels (spaces removed), Thai as the dataset writes them, plus English exports. */
const STATE_TABLE: Record<string, MappedState> = {
  'รอรับเรื่อง': RECEIVED,
  'ใหม่': RECEIVED,
  'waiting': RECEIVED,
  'กำลังดำเนินการ': IN_PROGRESS,
  'inprogress': IN_PROGRESS,
  // A forward on Traffy means an agency has looked at it and passed it on: work has started.
  'ส่งต่อ': IN_PROGRESS,
  'ส่งต่อ(ใหม่)': IN_PROGRESS,
  'ส่งเรื่องต่อ': IN_PROGRESS,
  'forward': IN_PROGRESS,
  'เสร็จสิ้น': FIXED,
  'เสร็จสิ้นแล้ว': FIXED,
  'finish': FIXED,
  'finished': FIXED,
  'completed': FIXED,
  'irrelevant': closed(CLOSE_REASONS.notOurResponsibility),
};

/** Close reasons recognisable inside "ปิดเรื่อง (…)"-style labels; first match wins. */
const CLOSE_REASON_WORDS: ReadonlyArray<[RegExp, CloseReason]> = [
  [/ไม่ใช่ความรับผิดชอบ|ไม่อยู่ในความรับผิดชอบ|นอกความรับผิดชอบ|นอกเขตความรับผิดชอบ|ไม่เกี่ยวข้อง/, CLOSE_REASONS.notOurResponsibility],
  [/ซ้ำ/, CLOSE_REASONS.duplicate],
  [/ยกเลิก|ถอนเรื่อง/, CLOSE_REASONS.withdrawn],
  [/ไม่สามารถ|ดำเนินการไม่ได้|แก้ไขไม่ได้/, CLOSE_REASONS.cannotFix],
  [/ไม่ถูกต้อง|ข้อมูลไม่ครบ|ไม่ใช่ปัญหา|ก่อกวน/, CLOSE_REASONS.invalid],
];

/**
 * Maps a Traffy state to ours. "ปิดเรื่อง" without a recognisable reason becomes
 * cannot_fix: a closed report must carry a reason, and "the agency closed it without
 * a fix" is what a bare Traffy close says. The original label stays in the timeline.
 */
export function mapTraffyState(raw: string | undefined): MappedState | null {
  const label = (raw ?? '').replace(/\s+/g, '').toLowerCase();
  if (label === '') return null;
  const exact = STATE_TABLE[label];
  if (exact) return exact;
  for (const [pattern, reason] of CLOSE_REASON_WORDS) {
    if (pattern.test(label)) return closed(reason);
  }
  if (label.startsWith('ปิดเรื่อง') || label === 'closed' || label === 'close') return closed(CLOSE_REASONS.cannotFix);
  return null;
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Traffy is a Bangkok service: a time written without an offset is Bangkok time. */
const BANGKOK_OFFSET_MINUTES = 7 * 60;

/**
 * Reads "2023-05-11 09:28:51.000 +0700", "2023-05-12 13:27:54.482138+00" and ISO 8601.
 * Null for anything else, including impossible dates (2023-02-30) and times.
 */
export function parseTraffyTimestamp(raw: string | undefined): Date | null {
  const m = TIMESTAMP_RE.exec((raw ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(local).getUTCDate() !== day) return null; // 30 February rolls over; refuse it
  let offset = BANGKOK_OFFSET_MINUTES;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 14 || minutes > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  } else if (zone) {
    offset = 0;
  }
  return new Date(local - offset * 60_000);
}

/** Star rating 1–5; empty is "not rated". "5.0" is accepted as 5. */
export function parseStar(raw: string | undefined): { ok: true; value: number | null } | { ok: false } {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: null };
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? { ok: true, value: n } : { ok: false };
}

/** Reopen count: a whole number ≥ 0; empty is 0. */
export function parseCount(raw: string | undefined): number | null {
  const text = (raw ?? '').trim();
  if (text === '') return 0;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n < 1000 ? n : null;
}

/** Photo links are kept as links (never downloaded), and only when they are web links. */
export function parsePhotoUrl(raw: string | undefined): string | null {
  const text = (raw ?? '').trim();
  if (text === '' || text.length > 2048) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** "เขตหนองจอก,สำนักการโยธา" → names, in Traffy's order (the first is the lead agency). */
export function splitOrganizations(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((o) => o.replace(/\s+/g, ' ').trim()).filter((o) => o !== '');
}

/**
 * Agency names as Traffy writes them carry decorations ours do not: "(สจส.)", "กทม.",
 * "กรุงเทพมหานคร", English glosses, "เขต หนองจอก" with a space. Strip them to compare.
 */
export function normaliseAgencyName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[A-Za-z][A-Za-z .\-&]*$/g, ' ')
    .replace(/(?:^|\s)(?:กทม\.?|กรุงเทพมหานคร)(?=\s|$)/g, ' ')
    .replace(/เขต\s+/g, 'เขต')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface AgencyForMatching {
  code: string;
  kind: 'district_office' | 'department' | 'external';
  name_th: string;
}

/**
 * Finds our agency for a Traffy organisation name: the exact name; else the name of a
 * department or external agency inside it ("กองระบบท่อระบายน้ำ สำนักการระบายน้ำ",
 * "การไฟฟ้านครหลวง เขตธนบุรี": the parent body, longest name first); else a district
 * named in it ("เขตบางรัก", "ฝ่ายโยธา เขตวัฒนา": the district office). Null otherwise.
 */
export function createAgencyMatcher(agencies: readonly AgencyForMatching[]) {
  const exact = new Map<string, string>();
  const districtByName = new Map<string, string>();
  const bodies: Array<{ name: string; code: string }> = [];
  for (const a of agencies) {
    const name = normaliseAgencyName(a.name_th);
    exact.set(name, a.code);
    if (a.kind === 'district_office') {
      const district = name.replace(/^สำนักงานเขต/, '');
      districtByName.set(district, a.code);
      exact.set(`เขต${district}`, a.code);
    } else {
      bodies.push({ name, code: a.code });
    }
  }
  bodies.sort((x, y) => y.name.length - x.name.length);
  return (traffyName: string): string | null => {
    const name = normaliseAgencyName(traffyName);
    if (name === '') return null;
    const hit = exact.get(name);
    if (hit) return hit;
    for (const body of bodies) if (name.includes(body.name)) return body.code;
    for (const word of name.split(' ')) {
      const m = /^(?:สำนักงาน)?เขต(.+)$/.exec(word);
      const office = m ? districtByName.get(m[1]!) : undefined;
      if (office) return office;
    }
    return null;
  };
}

export interface ParsedTraffyRow {
  ticket: string;
  description: string;
  lat: number;
  lng: number;
  types: string[];
  organizations: string[];
  state: MappedState;
  traffyState: string;
  createdAt: Date;
  lastActivity: Date | null;
  star: number | null;
  reopenCount: number;
  photo: string | null;
  photoAfter: string | null;
  address: string | null;
  districtName: string | null;
  subdistrictName: string | null;
}

export type RowResult = { ok: true; row: ParsedTraffyRow } | { ok: false; ticket: string | null; reason: string };

/** A timestamp further ahead than this is a broken clock, not a report. */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

/** Validates one CSV record into a row ready to map; the reason says what was wrong. */
export function parseTraffyRecord(record: TraffyRecord, maxDescription: number, now = new Date()): RowResult {
  const ticket = (record.ticket_id ?? '').trim() || null;
  const reject = (reason: string): RowResult => ({ ok: false, ticket, reason });
  if (!ticket) return reject('no ticket_id');
  if (ticket.length > 100) return reject('ticket_id longer than 100 characters');
  const description = (record.comment ?? '').trim();
  if (description === '') return reject('no description');
  if (description.length > maxDescription) return reject(`description longer than ${maxDescription} characters`);
  const point = parseCoords(record.coords);
  if (!point) return reject(`coords not readable as "lon,lat": "${(record.coords ?? '').slice(0, 60)}"`);
  const state = mapTraffyState(record.state);
  if (!state) return reject(`unknown state "${(record.state ?? '').trim().slice(0, 40)}"`);
  const createdAt = parseTraffyTimestamp(record.timestamp);
  if (!createdAt) return reject(`timestamp not readable: "${(record.timestamp ?? '').trim().slice(0, 40)}"`);
  if (createdAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return reject('timestamp is in the future');
  if (createdAt.getUTCFullYear() < 2000) return reject('timestamp before the year 2000');
  const star = parseStar(record.star);
  if (!star.ok) return reject(`star must be 1 to 5: "${(record.star ?? '').trim().slice(0, 10)}"`);
  const reopenCount = parseCount(record.count_reopen);
  if (reopenCount === null) return reject(`count_reopen must be a whole number: "${(record.count_reopen ?? '').trim().slice(0, 10)}"`);
  // Traffy stamps last_activity a few microseconds before the ticket itself; never before creation.
  const activity = parseTraffyTimestamp(record.last_activity);
  const lastActivity = activity && activity.getTime() <= now.getTime() + FUTURE_TOLERANCE_MS
    ? new Date(Math.max(activity.getTime(), createdAt.getTime()))
    : null;
  return {
    ok: true,
    row: {
      ticket,
      description,
      lat: point.lat,
      lng: point.lng,
      types: parseTypeSet(record.type),
      organizations: splitOrganizations(record.organization),
      state,
      traffyState: (record.state ?? '').trim(),
      createdAt,
      lastActivity,
      star: star.value,
      reopenCount,
      photo: parsePhotoUrl(record.photo),
      photoAfter: parsePhotoUrl(record.photo_after),
      address: (record.address ?? '').trim().slice(0, 500) || null,
      districtName: (record.district ?? '').trim() || null,
      subdistrictName: (record.subdistrict ?? '').trim() || null,
    },
  };
}

export interface Outcome {
  firstResponseAt: Date | null;
  fixedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  rating: number | null;
}

/**
 * Timestamps and rating consistent with the state. Traffy keeps only the last activity,
 * so that is when the state was reached; a fix or a close is also the first response
 * when nothing earlier is known.
 */
export function outcomeOf(row: Pick<ParsedTraffyRow, 'state' | 'createdAt' | 'lastActivity' | 'star'>): Outcome {
  const settled = row.lastActivity ?? row.createdAt;
  switch (row.state.state) {
    case 'received':
      return { firstResponseAt: null, fixedAt: null, closedAt: null, updatedAt: settled, rating: null };
    case 'in_progress':
      return { firstResponseAt: row.lastActivity, fixedAt: null, closedAt: null, updatedAt: settled, rating: null };
    case 'fixed':
      return { firstResponseAt: settled, fixedAt: settled, closedAt: null, updatedAt: settled, rating: row.star };
    case 'closed':
      return { firstResponseAt: settled, fixedAt: null, closedAt: settled, updatedAt: settled, rating: null };
  }
}
