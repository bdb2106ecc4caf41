/**
 * Fills a database with clearly marked demo data (is_demo on every row it makes): staff
 * accounts for every agency and reports across Bangkok in every state, so each page,
 * queue and figure has something real-looking to show. Safe to run again: existing demo
 * accounts are kept (and given this run's password), and more reports are added.
 */
import crypto from 'node:crypto';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import { getDistrict, isInsideBangkok, locateDistrict, type District } from '../../platform/geo/index.ts';
import { toSearchDocument } from '../../platform/text/thai-tokenizer.ts';
import { createOrganizationService, type RouteDecision } from '../organization/organization.service.ts';
import { COOWNERS, FIRST_NAMES, FORWARDS, LAST_NAMES } from './demo-seed.phrases.ts';
import {
  between, CATEGORY_WEIGHTS, CHANNEL_MIX, CLOSE_MIX, describeProblem, pick, planStory, STATE_MIX, weighted,
  type Rng, type Step, type Story,
} from './demo-seed.story.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import type { CloseReason } from './reports.states.ts';
import { freshCodes } from './traffy-import.ts';

export const DEMO_EMAIL_DOMAIN = 'demo.demopolis.bangkok';
const ACTOR = SYSTEM_ACTOR('demo-seed');
const BATCH_SIZE = 250;
const HOUR = 3600 * 1000;
/** Earlier reports a later duplicate may repeat; bounded so a 200,000-report run stays small. */
const DUPLICATE_POOL_LIMIT = 2000;

export interface DemoSeedSummary {
  officers: number;
  reports: number;
  districts: number;
  states: Record<string, number>;
  officerPassword: string;
  sampleOfficer: string;
}

type Organization = ReturnType<typeof createOrganizationService>;
type Agency = Awaited<ReturnType<Organization['listAgencies']>>[number];
type Category = Awaited<ReturnType<Organization['listCategories']>>[number];
interface Staff { id: string; name: string }
interface PoolEntry { id: string; code: string; category: Category; district: District; lat: number; lng: number; createdAt: Date }

/** What every step of one seeding run shares. */
interface Context {
  rng: Rng;
  organization: Organization;
  staff: { officers: Map<string, Staff>; admins: Map<string, Staff>; total: number };
  categoryByCode: Map<string, Category>;
  categoryWeights: Record<string, number>;
  districts: Map<string, District>;
  districtWeights: Record<string, number>;
  agencyByCode: Map<string, Agency>;
  agencyById: Map<string, Agency>;
  routes: Map<string, RouteDecision>;
  pool: PoolEntry[];
}

interface Draft {
  category: Category;
  district: District;
  lat: number;
  lng: number;
  state: ReportState;
  closeReason: CloseReason | null;
  duplicateOf: PoolEntry | null;
  channel: string;
  description: string;
  route: RouteDecision;
  forwardTo: { agency: Agency; th: string; en: string } | null;
  coowner: { agency: Agency; note: string } | null;
  story: Story;
}

export async function seedDemo(db: Db, opts: { reports: number; onProgress?: (done: number, total: number) => void }): Promise<DemoSeedSummary> {
  if (!Number.isInteger(opts.reports) || opts.reports < 0) throw new Error('the number of demo reports must be a whole number ≥ 0');
  const rng: Rng = Math.random;
  const organization = createOrganizationService(db);
  const [agencies, categories, districtRows] = await Promise.all([organization.listAgencies(), organization.listCategories(), organization.listDistricts()]);
  if (agencies.length === 0 || categories.length === 0 || districtRows.length === 0) {
    throw new Error('Reference data is missing: run "migrate" first so districts, agencies and categories are loaded.');
  }
  const password = crypto.randomBytes(12).toString('base64url');
  const staff = await seedStaff(db, agencies, password, rng);

  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const categoryWeights = Object.fromEntries(categories.map((c) => [c.code, CATEGORY_WEIGHTS[c.code] ?? 0.5]));
  const districts = new Map(districtRows.flatMap((d) => {
    const geo = getDistrict(d.code);
    return geo ? [[String(d.code), geo] as const] : [];
  }));
  const districtWeights = Object.fromEntries(districtRows.filter((d) => districts.has(String(d.code))).map((d) => [String(d.code), d.population_2018 ?? 1]));
  const ctx: Context = {
    rng, organization, staff, categoryByCode, categoryWeights, districts, districtWeights,
    agencyByCode: new Map(agencies.map((a) => [a.code, a])),
    agencyById: new Map(agencies.map((a) => [a.id, a])),
    routes: new Map<string, RouteDecision>(),
    pool: [] as PoolEntry[],
  };

  const states: Record<string, number> = { received: 0, in_progress: 0, fixed: 0, closed: 0 };
  const usedDistricts = new Set<number>();
  let done = 0;
  while (done < opts.reports) {
    const size = Math.min(BATCH_SIZE, opts.reports - done);
    await db.transaction().execute(async (trx) => {
      const drafts: Draft[] = [];
      for (let i = 0; i < size; i++) drafts.push(await draft(ctx, trx));
      await writeBatch(ctx, trx, drafts);
      for (const d of drafts) {
        states[d.state] = (states[d.state] ?? 0) + 1;
        usedDistricts.add(d.district.code);
      }
    });
    done += size;
    opts.onProgress?.(done, opts.reports);
  }

  const sample = ctx.agencyByCode.get('district-1004') ?? agencies[0]!;
  return {
    officers: staff.total,
    reports: done,
    districts: usedDistricts.size,
    states,
    officerPassword: password,
    sampleOfficer: `officer.${sample.code}@${DEMO_EMAIL_DOMAIN} (${sample.name_th})`,
  };
}

/**
 * One officer and one agency administrator per agency. The password is hashed once
 * (argon2 at OWASP strength takes tens of milliseconds; 160 hashes would take minutes)
 * and rows are inserted directly, each with its own audit entry.
 */
async function seedStaff(db: Db, agencies: Agency[], password: string, rng: Rng): Promise<Context['staff']> {
  const wanted = agencies.flatMap((agency) => [
    { agency, role: 'officer' as const, email: `officer.${agency.code}@${DEMO_EMAIL_DOMAIN}` },
    { agency, role: 'agency_admin' as const, email: `admin.${agency.code}@${DEMO_EMAIL_DOMAIN}` },
  ]);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await repo.accountsByEmail(trx, wanted.map((w) => w.email))).map((u) => [u.email!.toLowerCase(), u]));
    const officers = new Map<string, Staff>();
    const admins = new Map<string, Staff>();
    const kept: Array<{ id: string; public_id: string }> = [];
    for (const w of wanted) {
      const found = existing.get(w.email);
      let person: Staff;
      if (found) {
        // A real person's account with this address is never touched.
        if (!found.is_demo || found.agency_id !== w.agency.id || found.role !== w.role) continue;
        kept.push(found);
        person = { id: found.id, name: found.display_name };
      } else {
        const row = await authRepository.insertUser(trx, {
          public_id: publicId(12), email: w.email, phone: null, display_name: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`,
          password_hash: passwordHash, role: w.role, agency_id: w.agency.id, is_demo: true,
        });
        await recordAudit(trx, ACTOR, {
          action: 'user.create', entityType: 'user', entityId: row.public_id,
          after: { role: w.role, agency_id: w.agency.id, is_demo: true, has_email: true, has_phone: false },
        });
        person = { id: row.id, name: row.display_name };
      }
      (w.role === 'officer' ? officers : admins).set(w.agency.id, person);
    }
    // The printed password must work for every demo account, old ones included.
    await repo.setDemoPasswordHash(trx, kept.map((k) => k.id), passwordHash);
    for (const k of kept) {
      await recordAudit(trx, ACTOR, { action: 'user.demo_password_reset', entityType: 'user', entityId: k.public_id, after: { is_demo: true } });
    }
    return { officers, admins, total: officers.size + admins.size };
  });
}

/** A random point inside the district's polygon: draw in its bounding box until one lands inside. */
function pointIn(rng: Rng, district: District): { lat: number; lng: number } {
  const [minLng, minLat, maxLng, maxLat] = district.bbox;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const lat = between(rng, minLat, maxLat);
    const lng = between(rng, minLng, maxLng);
    // isInsideBangkok first: locateDistrict searches for the nearest district when outside.
    if (!isInsideBangkok(lat, lng)) continue;
    const located = locateDistrict(lat, lng);
    if (located.inside && located.district.code === district.code) return { lat, lng };
  }
  throw new Error(`could not place a point inside district ${district.code}`);
}

async function routeFor(ctx: Context, trx: Tx, category: Category, districtCode: number): Promise<RouteDecision> {
  const key = `${category.id}:${districtCode}`;
  let decision = ctx.routes.get(key);
  if (!decision) {
    decision = await ctx.organization.route(category.id, districtCode, trx);
    ctx.routes.set(key, decision);
  }
  return decision;
}

/** Resolves "district" to the pin's district office; null when it would be the owner itself. */
function agencyFor(ctx: Context, target: string, districtCode: number, notId: string): Agency | null {
  const agency = target === 'district' ? ctx.agencyByCode.get(`district-${districtCode}`) : ctx.agencyByCode.get(target);
  return agency && agency.id !== notId ? agency : null;
}

async function draft(ctx: Context, trx: Tx): Promise<Draft> {
  const { rng } = ctx;
  const state = weighted(rng, STATE_MIX);
  let closeReason: CloseReason | null = state === 'closed' ? weighted(rng, CLOSE_MIX) : null;
  let duplicateOf: PoolEntry | null = null;
  if (closeReason === 'duplicate') {
    duplicateOf = ctx.pool.length > 0 ? pick(rng, ctx.pool) : null;
    if (!duplicateOf) closeReason = 'cannot_fix';
  }
  const category = duplicateOf?.category ?? ctx.categoryByCode.get(weighted(rng, ctx.categoryWeights))!;
  const district = duplicateOf?.district ?? ctx.districts.get(weighted(rng, ctx.districtWeights))!;
  const point = duplicateOf ? nearby(rng, duplicateOf) : pointIn(rng, district);
  const route = await routeFor(ctx, trx, category, district.code);

  const forward = FORWARDS[category.code];
  const forwardAgency = forward && closeReason !== 'withdrawn' && rng() < 0.07 ? agencyFor(ctx, forward.to, district.code, route.agencyId) : null;
  const ownerId = forwardAgency?.id ?? route.agencyId;
  const share = COOWNERS[category.code];
  const coownerAgency = share && (state === 'in_progress' || state === 'fixed') && rng() < 0.06 ? agencyFor(ctx, share.to, district.code, ownerId) : null;

  const story = planStory(rng, new Date(), {
    state, closeReason, categoryCode: category.code, firstResponseHours: category.first_response_hours, fixHours: category.fix_hours,
    forwarded: !!forwardAgency, coowned: !!coownerAgency,
    reopened: (state === 'in_progress' && rng() < 0.03) || (state === 'fixed' && rng() < 0.02),
    rated: state === 'fixed' && rng() < 0.5,
    notBefore: duplicateOf?.createdAt,
  });
  return {
    category, district, ...point, state, closeReason, duplicateOf, route, story,
    channel: weighted(rng, CHANNEL_MIX),
    description: describeProblem(rng, category.code, district.name_th),
    forwardTo: forwardAgency ? { agency: forwardAgency, th: forward!.th, en: forward!.en } : null,
    coowner: coownerAgency ? { agency: coownerAgency, note: share!.note } : null,
  };
}

/** A duplicate is reported a few metres from the original (same district, or the same spot). */
function nearby(rng: Rng, original: PoolEntry) {
  const lat = original.lat + between(rng, -0.0003, 0.0003);
  const lng = original.lng + between(rng, -0.0003, 0.0003);
  const located = isInsideBangkok(lat, lng) ? locateDistrict(lat, lng) : null;
  return located?.inside && located.district.code === original.district.code ? { lat, lng } : { lat: original.lat, lng: original.lng };
}

async function writeBatch(ctx: Context, trx: Tx, drafts: Draft[]) {
  const codes = await freshCodes(trx, drafts.map((d) => d.story.createdAt));
  const inserted = await repo.insertHistoricalReports(trx, drafts.map((d, i) => {
    const owner = d.forwardTo?.agency.id ?? d.route.agencyId;
    const created = d.story.createdAt.getTime();
    const assigned = d.story.steps.some((s) => s.kind === 'assigned');
    return {
      code: codes[i]!,
      category_id: d.category.id,
      description: d.description,
      lat: d.lat,
      lng: d.lng,
      district_code: d.district.code,
      address: null,
      state: d.state,
      close_reason: d.closeReason,
      duplicate_of_id: d.duplicateOf?.id ?? null,
      agency_id: owner,
      assignee_id: assigned ? ctx.staff.officers.get(owner)?.id ?? null : null,
      routing_reason_th: d.forwardTo ? `ส่งต่อจากหน่วยงานเดิม: ${d.forwardTo.th}` : d.route.reasonTh,
      routing_reason_en: d.forwardTo ? `Forwarded: ${d.forwardTo.en}` : d.route.reasonEn,
      channel: d.channel,
      is_demo: true,
      external_ref: null,
      external_source: null,
      reopen_count: d.story.reopenCount,
      rating: d.story.rating,
      rating_comment: d.story.ratingComment,
      created_at: d.story.createdAt,
      updated_at: d.story.updatedAt,
      first_response_at: d.story.firstResponseAt,
      fixed_at: d.story.fixedAt,
      closed_at: d.story.closedAt,
      due_first_response_at: new Date(created + d.category.first_response_hours * HOUR),
      due_fix_at: new Date(created + d.category.fix_hours * HOUR),
      search_document: toSearchDocument(`${d.description} ${d.category.name_th} ${d.category.name_en}`),
    };
  }));
  const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
  const ids = codes.map((c) => idByCode.get(c)!);

  await repo.insertEvents(trx, drafts.flatMap((d, i) => d.story.steps.map((step) => eventOf(ctx, d, ids[i]!, step))));
  await repo.insertCoowners(trx, drafts.flatMap((d, i) => {
    if (!d.coowner || !d.story.coownerStatus) return [];
    const invited = d.story.steps.find((s) => s.kind === 'coowner_invited')!.at;
    const changed = d.story.steps.find((s) => s.kind === 'coowner_status')?.at ?? invited;
    return [{ report_id: ids[i]!, agency_id: d.coowner.agency.id, status: d.story.coownerStatus, invited_at: invited, updated_at: changed }];
  }));
  for (const [i, d] of drafts.entries()) {
    const owner = ctx.agencyById.get(d.forwardTo?.agency.id ?? d.route.agencyId);
    await recordAudit(trx, ACTOR, {
      action: 'report.demo_seed', entityType: 'report', entityId: codes[i]!,
      after: { is_demo: true, state: d.state, close_reason: d.closeReason, category: d.category.code, district_code: d.district.code, agency: owner?.code ?? null },
    });
    const entry = { id: ids[i]!, code: codes[i]!, category: d.category, district: d.district, lat: d.lat, lng: d.lng, createdAt: d.story.createdAt };
    if (ctx.pool.length < DUPLICATE_POOL_LIMIT) ctx.pool.push(entry);
    else ctx.pool[Math.floor(ctx.rng() * DUPLICATE_POOL_LIMIT)] = entry;
  }
}

/** The timeline row for one step, shaped as the workflow service writes it. */
function eventOf(ctx: Context, d: Draft, reportId: string, step: Step) {
  const first = d.route.agencyId;
  const owner = d.forwardTo?.agency.id ?? first;
  const officer = (agencyId: string) => ctx.staff.officers.get(agencyId)?.id ?? null;
  const base = { report_id: reportId, kind: step.kind, visibility: 'public' as 'public' | 'internal', actor_id: officer(owner), agency_id: owner as string | null, note: step.note, created_at: step.at };
  switch (step.kind) {
    case 'created':
      return { ...base, actor_id: null, agency_id: null, data: { channel: d.channel } };
    case 'routed':
      return { ...base, actor_id: null, agency_id: first, data: { reason_th: d.route.reasonTh, reason_en: d.route.reasonEn } };
    case 'forwarded': {
      const to = d.forwardTo!.agency;
      return { ...base, actor_id: officer(first), agency_id: first, note: d.forwardTo!.th, data: { from_agency_id: first, to_agency_id: to.id, to_agency_code: to.code, to_name_th: to.name_th, to_name_en: to.name_en } };
    }
    case 'assigned':
      return { ...base, visibility: 'internal' as const, actor_id: ctx.staff.admins.get(owner)?.id ?? null, data: { assignee: ctx.staff.officers.get(owner)?.name ?? null } };
    case 'coowner_invited': {
      const a = d.coowner!.agency;
      return { ...base, note: d.coowner!.note, data: { agency_code: a.code, name_th: a.name_th, name_en: a.name_en } };
    }
    case 'coowner_status':
      return { ...base, actor_id: officer(d.coowner!.agency.id), agency_id: d.coowner!.agency.id, data: { status: d.story.coownerStatus } };
    case 'fixed':
      return { ...base, data: { photos: 0 } };
    case 'closed':
      return { ...base, data: { reason: d.closeReason, duplicate_of: d.duplicateOf?.code ?? null } };
    case 'reopened':
      return { ...base, actor_id: null, agency_id: null, data: { count: 1 } };
    case 'rated':
      return { ...base, actor_id: null, agency_id: null, data: { stars: d.story.rating } };
    case 'withdrawn':
      return { ...base, actor_id: null, agency_id: null, data: {} };
    default:
      return { ...base, data: {} };
  }
}
