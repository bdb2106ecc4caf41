/**
 * One benchmark report at a time: what happened to it and when, and the rows that say
 * so (the report, its timeline, photos, co-owners, its audit entry), in COPY text.
 * The story of each report comes from the demo seed's planner (demo-seed.story.ts),
 * so timelines look like the platform's own: routed, forwarded, accepted, shared,
 * fixed or closed with a reason, reopened, rated.
 */
import crypto from 'node:crypto';
import { publicId } from '../../server/platform/auth/tokens.ts';
import type { District } from '../../server/platform/geo/index.ts';
import type { ReportState } from '../../server/platform/db/schema.ts';
import { COOWNERS, FORWARDS } from '../../server/modules/reports/demo-seed.phrases.ts';
import { CLOSE_MIX, describeProblem, planStory, weighted, type Rng, type Step, type Story } from '../../server/modules/reports/demo-seed.story.ts';
import type { CloseReason } from '../../server/modules/reports/reports.states.ts';
import { copyRow } from '../../server/modules/reports/reports.copy.ts';
import { searchText, searchVectorText } from '../../server/modules/reports/reports.search.ts';
import type { BangkokModel } from './model.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_SPACE = 2 ** 30;

export const CHANNELS = { line: 45, web: 25, app: 10, call_centre: 10, facebook: 6, open311: 4 } as const;
/** Share of reports passed on to another agency, when the category has somewhere to go. */
export const FORWARD_RATE = 0.6;
/** Share of accepted reports another agency is invited to share, when the category has a partner. */
export const COOWN_RATE = 0.35;

export interface Category {
  id: string;
  code: string;
  name_th: string;
  name_en: string;
  first_response_hours: number;
  fix_hours: number;
}

export interface Agency {
  id: string;
  code: string;
  name_th: string;
  name_en: string;
}

export interface Route {
  agencyId: string;
  reasonTh: string;
  reasonEn: string;
}

export interface GeneratorContext {
  model: BangkokModel;
  categories: Map<string, Category>;
  agencyByCode: Map<string, Agency>;
  routes: Map<string, Route>;
  now: Date;
}

interface PoolEntry { id: string; code: string; category: Category; district: District; lat: number; lng: number; createdAt: Date }

export interface Draft {
  id: string;
  code: string;
  category: Category;
  district: District;
  lat: number;
  lng: number;
  state: ReportState;
  closeReason: CloseReason | null;
  duplicateOf: PoolEntry | null;
  channel: string;
  description: string;
  route: Route;
  forwardTo: { agency: Agency; th: string; en: string } | null;
  coowner: { agency: Agency; note: string } | null;
  story: Story;
  anonymousToken: string | null;
}

/** Unique, random-looking tracking codes: a counter through a bijection of the 6-character space. */
export function createCodeSource() {
  const a = (crypto.randomInt(0, CODE_SPACE / 2) * 2 + 1) % CODE_SPACE;
  const b = crypto.randomInt(0, CODE_SPACE);
  let counter = 0;
  return (createdAt: Date) => {
    let x = Number((BigInt(counter++) * BigInt(a) + BigInt(b)) % BigInt(CODE_SPACE));
    let suffix = '';
    for (let i = 0; i < 6; i++) {
      suffix += CODE_ALPHABET[x & 31];
      x >>>= 5;
    }
    return `BKK-${String(createdAt.getUTCFullYear() % 100).padStart(2, '0')}-${suffix}`;
  };
}

/** Settled, stuck or still open: how far a report of this age has got. */
function outcome(rng: Rng, ageDays: number): { state: ReportState; closeReason: CloseReason | null } {
  const settled = 1 - Math.exp(-ageDays / 5);
  // A backlog that never clears: about one report in fourteen stays open for good.
  if (rng() > 0.07 && rng() < settled) {
    if (rng() < 0.8) return { state: 'fixed', closeReason: null };
    return { state: 'closed', closeReason: weighted(rng, CLOSE_MIX) };
  }
  return { state: rng() < 1 - Math.exp(-ageDays / 1.5) ? 'in_progress' : 'received', closeReason: null };
}

export function createGenerator(ctx: GeneratorContext, rng: Rng) {
  const pool: PoolEntry[] = [];
  const nextCode = createCodeSource();
  const agencyFor = (target: string, districtCode: number, notId: string) => {
    const agency = target === 'district' ? ctx.agencyByCode.get(`district-${districtCode}`) : ctx.agencyByCode.get(target);
    return agency && agency.id !== notId ? agency : null;
  };

  function draft(id: string): Draft {
    const time = ctx.model.sampleTime(rng);
    let { state, closeReason } = outcome(rng, (ctx.now.getTime() - time.at.getTime()) / DAY);
    let duplicateOf: PoolEntry | null = null;
    if (closeReason === 'duplicate') {
      duplicateOf = pool.length > 0 ? pool[Math.floor(rng() * pool.length)]! : null;
      if (!duplicateOf) closeReason = 'cannot_fix';
    }
    const category = duplicateOf?.category ?? ctx.categories.get(ctx.model.sampleCategory(rng, time.month, time.storm))!;
    const district = duplicateOf?.district ?? ctx.model.sampleDistrict(rng);
    const point = duplicateOf
      ? { lat: Math.round((duplicateOf.lat + (rng() - 0.5) * 0.0004) * 1e6) / 1e6, lng: Math.round((duplicateOf.lng + (rng() - 0.5) * 0.0004) * 1e6) / 1e6 }
      : ctx.model.samplePoint(rng, district);
    const route = ctx.routes.get(`${category.id}:${district.code}`)!;
    const forward = FORWARDS[category.code];
    const forwardAgency = forward && closeReason !== 'withdrawn' && rng() < FORWARD_RATE ? agencyFor(forward.to, district.code, route.agencyId) : null;
    const ownerId = forwardAgency?.id ?? route.agencyId;
    const share = COOWNERS[category.code];
    const coownerAgency = share && (state === 'in_progress' || state === 'fixed') && rng() < COOWN_RATE ? agencyFor(share.to, district.code, ownerId) : null;
    const story = planStory(rng, ctx.now, {
      state, closeReason, categoryCode: category.code, firstResponseHours: category.first_response_hours, fixHours: category.fix_hours,
      forwarded: !!forwardAgency, coowned: !!coownerAgency,
      reopened: (state === 'in_progress' && rng() < 0.03) || (state === 'fixed' && rng() < 0.04),
      rated: state === 'fixed' && rng() < 0.15,
      ...(duplicateOf ? { notBefore: duplicateOf.createdAt } : { filedAt: time.at }),
    });
    const channel = weighted(rng, CHANNELS);
    const code = nextCode(story.createdAt);
    const entry: PoolEntry = { id, code, category, district, lat: point.lat, lng: point.lng, createdAt: story.createdAt };
    if (pool.length < 5000) pool.push(entry);
    else pool[Math.floor(rng() * pool.length)] = entry;
    return {
      id, code, category, district, ...point, state, closeReason, duplicateOf, channel, route, story,
      description: describeProblem(rng, category.code, district.name_th),
      forwardTo: forwardAgency ? { agency: forwardAgency, th: forward!.th, en: forward!.en } : null,
      coowner: coownerAgency ? { agency: coownerAgency, note: share!.note } : null,
      anonymousToken: channel === 'web' || channel === 'app' ? crypto.randomBytes(32).toString('hex') : null,
    };
  }

  return { draft, nextCode };
}

export const REPORT_COLUMNS = [
  'id', 'code', 'category_id', 'description', 'lat', 'lng', 'location', 'district_code', 'address', 'state', 'close_reason',
  'duplicate_of_id', 'agency_id', 'assignee_id', 'routing_reason_th', 'routing_reason_en', 'reporter_id', 'reporter_token_hash',
  'contact_name', 'contact_phone', 'contact_email', 'channel', 'external_ref', 'external_source', 'is_demo', 'support_count',
  'reopen_count', 'rating', 'rating_comment', 'created_at', 'updated_at', 'first_response_at', 'fixed_at', 'closed_at',
  'due_first_response_at', 'due_fix_at', 'search',
] as const;
export const EVENT_COLUMNS = ['report_id', 'kind', 'visibility', 'actor_id', 'agency_id', 'note', 'data', 'created_at'] as const;
export const PHOTO_COLUMNS = ['public_id', 'report_id', 'event_id', 'kind', 'storage_key', 'thumb_key', 'external_url', 'width', 'height', 'bytes', 'created_at'] as const;
export const COOWNER_COLUMNS = ['report_id', 'agency_id', 'status', 'invited_at', 'updated_at'] as const;

export function reportRow(d: Draft): string {
  const created = d.story.createdAt.getTime();
  return copyRow([
    d.id, d.code, d.category.id, d.description, d.lat, d.lng, `(${d.lng},${d.lat})`, d.district.code, null, d.state, d.closeReason,
    d.duplicateOf?.id ?? null, d.forwardTo?.agency.id ?? d.route.agencyId, null,
    d.forwardTo ? `ส่งต่อจากหน่วยงานเดิม: ${d.forwardTo.th}` : d.route.reasonTh,
    d.forwardTo ? `Forwarded: ${d.forwardTo.en}` : d.route.reasonEn,
    null, d.anonymousToken, null, null, null, d.channel, null, null, 'f', 0,
    d.story.reopenCount, d.story.rating, d.story.ratingComment, d.story.createdAt, d.story.updatedAt,
    d.story.firstResponseAt, d.story.fixedAt, d.story.closedAt,
    new Date(created + d.category.first_response_hours * HOUR), new Date(created + d.category.fix_hours * HOUR),
    searchVectorText(searchText(d.description, d.category)),
  ]);
}

function eventData(d: Draft, step: Step): { agency: string | null; visibility: 'public' | 'internal'; data: Record<string, unknown> } {
  const first = d.route.agencyId;
  const owner = d.forwardTo?.agency.id ?? first;
  switch (step.kind) {
    case 'created': return { agency: null, visibility: 'public', data: { channel: d.channel } };
    case 'routed': return { agency: first, visibility: 'public', data: { reason_th: d.route.reasonTh, reason_en: d.route.reasonEn } };
    case 'forwarded': {
      const to = d.forwardTo!.agency;
      return { agency: first, visibility: 'public', data: { from_agency_id: first, to_agency_id: to.id, to_agency_code: to.code, to_name_th: to.name_th, to_name_en: to.name_en } };
    }
    case 'assigned': return { agency: owner, visibility: 'internal', data: { assignee: null } };
    case 'coowner_invited': {
      const a = d.coowner!.agency;
      return { agency: owner, visibility: 'public', data: { agency_code: a.code, name_th: a.name_th, name_en: a.name_en } };
    }
    case 'coowner_status': return { agency: d.coowner!.agency.id, visibility: 'public', data: { status: d.story.coownerStatus } };
    case 'fixed': return { agency: owner, visibility: 'public', data: { photos: 0 } };
    case 'closed': return { agency: owner, visibility: 'public', data: { reason: d.closeReason, duplicate_of: d.duplicateOf?.code ?? null } };
    case 'reopened': return { agency: null, visibility: 'public', data: { count: 1 } };
    case 'rated': return { agency: null, visibility: 'public', data: { stars: d.story.rating } };
    case 'withdrawn': return { agency: null, visibility: 'public', data: {} };
    default: return { agency: owner, visibility: 'public', data: {} };
  }
}

export function eventRows(d: Draft): string {
  let out = '';
  for (const step of d.story.steps) {
    const e = eventData(d, step);
    const note = step.kind === 'forwarded' ? d.forwardTo!.th : step.kind === 'coowner_invited' ? d.coowner!.note : step.note;
    out += copyRow([d.id, step.kind, e.visibility, null, e.agency, note, e.data, step.at]);
  }
  return out;
}

const MEDIA_HOST = 'https://media.bench.invalid';

/** Most reports come with a photo of the problem; many fixes with one of the result. */
export function photoRows(d: Draft, rng: Rng): string {
  let out = '';
  if (rng() < 0.85) out += copyRow([publicId(12), d.id, null, 'before', null, null, `${MEDIA_HOST}/${d.code}-b.jpg`, null, null, null, d.story.createdAt]);
  if (d.state === 'fixed' && rng() < 0.6) out += copyRow([publicId(12), d.id, null, 'after', null, null, `${MEDIA_HOST}/${d.code}-a.jpg`, null, null, null, d.story.fixedAt]);
  return out;
}

export function coownerRow(d: Draft): string {
  if (!d.coowner || !d.story.coownerStatus) return '';
  const invited = d.story.steps.find((s) => s.kind === 'coowner_invited')!.at;
  const changed = d.story.steps.find((s) => s.kind === 'coowner_status')?.at ?? invited;
  return copyRow([d.id, d.coowner.agency.id, d.story.coownerStatus, invited, changed]);
}

/** What the audit entry of a filed report says (as the intake writes it). */
export function auditAfter(d: Draft): Record<string, unknown> {
  return { category: d.category.code, district_code: d.district.code, agency_id: d.route.agencyId, state: 'received', photos: 0, channel: d.channel };
}
