/**
 * Shared by the plans integration tests: staff of every role signed in through the API,
 * communities and accepted proposals written straight into the database (the proposal
 * workflow has its own tests; here only its outcome matters), plans and items made
 * through the API, and the row counts that prove "nothing stored".
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';

export const unique = () => crypto.randomBytes(4).toString('hex');
const PASSWORD = 'staff password 1';

export type StaffRole = 'officer' | 'agency_admin' | 'planner' | 'admin';

/** Staff of any role (planner included), created as an administrator would, then signed in. */
export async function staff(app: FastifyInstance, db: Db, role: StaffRole, agencyCode: string | null): Promise<Session> {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const agency = agencyCode ? await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow() : null;
  const user = await createAuthService(db).createUser({ email, password: PASSWORD, display_name: `เจ้าหน้าที่ ${unique()}`, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier: email, password: PASSWORD } });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { user: { id: string }; csrf_token: string };
  return { cookie: response.cookies.find((c) => c.name === 'dp_session')!.value, csrf: body.csrf_token, userId: user.id, publicId: body.user.id };
}

export async function agencyId(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function insertCommunity(db: Db, districtCode: number): Promise<{ id: string; code: string }> {
  const code = `${districtCode}-${unique()}`;
  const row = await db.insertInto('communities').values({
    code, district_code: districtCode, name_th: `ชุมชนทดสอบ ${unique()}`, kind: 'urban', lat: 13.73, lng: 100.52,
    location: sql`point(100.52, 13.73)`, households: 120, registered_on: '2019-06-01',
  } as never).returning(['id', 'code']).executeTakeFirstOrThrow();
  return row;
}

export interface ProposalOptions {
  districtCode?: number;
  /** Agency code carrying it out; null for none named. Default: the district office. */
  carrying?: string | null;
  totalSatang?: bigint;
  fiscalYear?: number | null;
  state?: 'accepted' | 'under_review' | 'not_accepted';
}

/** A proposal as the proposals workflow leaves it once accepted (or in another state). */
export async function insertProposal(db: Db, opts: ProposalOptions = {}): Promise<{ id: string; publicId: string; communityId: string }> {
  const districtCode = opts.districtCode ?? 1004;
  const community = await insertCommunity(db, districtCode);
  const carrying = opts.carrying === undefined ? `district-${districtCode}` : opts.carrying;
  const state = opts.state ?? 'accepted';
  const id = `PRJ-69-${publicId(6)}`;
  const row = await db.insertInto('proposals').values({
    public_id: id, community_id: community.id, district_code: districtCode, title: `ปรับปรุงทางเดินริมคลอง ${unique()}`,
    problem: 'ทางเดินริมคลองชำรุด ผู้สูงอายุหกล้มบ่อย', objectives: 'ซ่อมทางเดินให้ปลอดภัย', activities: '[]',
    starts_on: '2026-11-01', ends_on: '2027-06-30', strategy_code: 'safe', fiscal_year: opts.fiscalYear === undefined ? 2570 : opts.fiscalYear,
    total_satang: (opts.totalSatang ?? 25_000_000n).toString(), state,
    carrying_agency_id: carrying ? await agencyId(db, carrying) : null,
    decision_reason: state === 'not_accepted' ? 'งบประมาณไม่เพียงพอ' : null,
    decided_at: state === 'under_review' ? null : new Date(),
  } as never).returning(['id']).executeTakeFirstOrThrow();
  return { id: row.id, publicId: id, communityId: community.id };
}

export interface PlanView {
  id: string;
  fiscal_year: number;
  status: string;
  totals: Record<string, unknown> & { requested_satang: string; approved_satang: string; disbursed_satang: string; warnings: Array<{ code: string; th: string; en: string }>; progress_percent: number | null };
  items: ItemViewBody[];
  abilities: Record<string, boolean>;
}

export interface ItemViewBody {
  id: string;
  status: string;
  progress_percent: number;
  budget_requested_satang: string;
  budget_approved_satang: string | null;
  budget_disbursed_satang: string;
  milestones: Array<{ id: string; percent: number; weight: number }>;
  progress: Array<{ id: string; percent: number; note: string; photos: unknown[] }>;
  abilities: Record<string, unknown>;
  [key: string]: unknown;
}

export async function createPlan(app: FastifyInstance, who: Session, agencyCode: string, fiscalYear = 2570): Promise<PlanView> {
  const response = await client(app, who).post('/api/v1/plans', { agency_code: agencyCode, fiscal_year: fiscalYear });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PlanView;
}

export function agencyItemBody(overrides: Record<string, unknown> = {}) {
  return {
    title: `ลอกท่อระบายน้ำ ${unique()}`,
    description: 'ลอกท่อระบายน้ำในซอยที่น้ำท่วมขังทุกปี',
    responsible_unit: 'ฝ่ายโยธา',
    strategy_code: 'environment',
    budget_requested_baht: '1,000,000',
    indicators: [{ name: 'ความยาวท่อที่ลอก', target: 1200, unit: 'เมตร' }],
    starts_on: '2026-11-01',
    ends_on: '2027-05-31',
    ...overrides,
  };
}

export async function addItem(app: FastifyInstance, who: Session, planId: string, body: Record<string, unknown> = agencyItemBody()): Promise<ItemViewBody> {
  const response = await client(app, who).post(`/api/v1/plans/${planId}/items`, body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { item: ItemViewBody }).item;
}

/** Rows that a refused request must not have added to. */
export async function counts(db: Db) {
  const n = async (table: 'action_plans' | 'plan_items' | 'plan_milestones' | 'plan_progress_reports' | 'resource_links' | 'audit_log' | 'attachments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    plans: await n('action_plans'), items: await n('plan_items'), milestones: await n('plan_milestones'), progress: await n('plan_progress_reports'),
    links: await n('resource_links'), audit: await n('audit_log'), attachments: await n('attachments'),
  };
}

/** The item row as stored, to prove a refused change left it alone. */
export async function itemRow(db: Db, itemPublicId: string) {
  return db.selectFrom('plan_items').selectAll().where('public_id', '=', itemPublicId).executeTakeFirstOrThrow();
}

/** Every refusal carries a Thai and an English message. */
export function expectProblem(response: { statusCode: number; body: string }, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = JSON.parse(response.body) as { code: string; detail_th: string; detail_en: string };
  expect(body.detail_th).toMatch(/[\u0E00-\u0E7F]/);
  expect(body.detail_en).toMatch(/[A-Za-z]/);
  if (code) expect(body.code).toBe(code);
  return body;
}

/** A need of the community, addressed by the proposal (need -> proposal, 'addresses'), as the proposals workflow leaves it. */
export async function insertNeed(db: Db, communityId: string, proposalId: string, status: 'open' | 'in_proposal' | 'withdrawn' = 'in_proposal', rank = 1) {
  const need = await db.insertInto('community_needs').values({
    public_id: `N-${publicId(8)}`, community_id: communityId, rank, title: `น้ำท่วมขังในซอย ${unique()}`, description: 'น้ำท่วมทุกครั้งที่ฝนตก',
    households_affected: 40, status,
  } as never).returning(['id', 'public_id']).executeTakeFirstOrThrow();
  await db.insertInto('resource_links').values({ from_type: 'need', from_id: need.id, to_type: 'proposal', to_id: proposalId, relation: 'addresses' }).execute();
  return need;
}

export async function needStatuses(db: Db, ids: string[]): Promise<Record<string, string>> {
  const rows = await db.selectFrom('community_needs').select(['public_id', 'status']).where('id', 'in', ids).execute();
  return Object.fromEntries(rows.map((r) => [r.public_id, r.status]));
}
