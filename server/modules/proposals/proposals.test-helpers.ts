/**
 * Shared by the proposals integration tests: communities, committee seats and needs made
 * straight in the database (the communities module's own API is tested there), staff of
 * any role signed in through the API, a valid proposal body, a proposal walked to any
 * state, and the row counts that prove "nothing stored".
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { fiscalYearOf } from '../../platform/time/fiscal-year.ts';

export const unique = () => crypto.randomBytes(4).toString('hex');
export const CURRENT_FY = fiscalYearOf(new Date());
const PASSWORD = 'staff password 1';

export type StaffRole = 'officer' | 'agency_admin' | 'planner' | 'admin';
export interface StaffSession extends Session { userId: string; name: string }

/** Each person signs in from an address of their own, as people do: per-address limits stay out of the way. */
const someAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

function sessionOf(response: Awaited<ReturnType<FastifyInstance['inject']>>): Session {
  const body = response.json() as { user: { id: string }; csrf_token: string };
  return { cookie: response.cookies.find((c) => c.name === 'dp_session')!.value, csrf: body.csrf_token, userId: '', publicId: body.user.id };
}

async function login(app: FastifyInstance, identifier: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier, password }, remoteAddress: someAddress() });
  expect(response.statusCode, response.body).toBe(200);
  return sessionOf(response);
}

/** A citizen account, signed up through the API. */
export async function citizen(app: FastifyInstance): Promise<Session> {
  const response = await app.inject({
    method: 'POST', url: '/api/v1/auth/signup', remoteAddress: someAddress(),
    payload: { email: `citizen.${unique()}@example.org`, password: 'correct horse battery', display_name: 'สมชาย ใจดี' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return sessionOf(response);
}

/** Staff of a district office (district-<code>) or of any agency code; admin with no agency. */
export async function staff(app: FastifyInstance, db: Db, role: StaffRole, agencyCode: string | null): Promise<StaffSession> {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const name = `เจ้าหน้าที่ ${unique()}`;
  const agency = agencyCode ? await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow() : null;
  const user = await createAuthService(db).createUser({ email, password: PASSWORD, display_name: name, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  return { ...(await login(app, email, PASSWORD)), userId: user.id, name };
}

export const office = (districtCode: number) => `district-${districtCode}`;

export async function makeCommunity(db: Db, districtCode = 1004, isDemo = false): Promise<{ id: string; code: string; name: string }> {
  const code = `${districtCode}-T${unique()}`;
  const name = `ชุมชนทดสอบ ${unique()}`;
  const row = await db
    .insertInto('communities')
    .values({
      code, district_code: districtCode, name_th: name, name_en: null, kind: 'urban', lat: 13.7292, lng: 100.5243,
      location: sql`point(100.5243, 13.7292)`, households: 120, population: 400, registered_on: '2019-06-01', is_demo: isDemo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code, name };
}

/** A citizen account with an active seat on the community's committee. */
export async function seatedMember(app: FastifyInstance, db: Db, communityId: string): Promise<Session & { userId: string }> {
  const session = await citizen(app);
  const user = await db.selectFrom('users').select('id').where('public_id', '=', session.publicId).executeTakeFirstOrThrow();
  const year = new Date().getUTCFullYear();
  await db.insertInto('community_committee_members').values({
    community_id: communityId, full_name: `กรรมการ ${unique()}`, position: 'member', term_start: `${year - 1}-01-01`, term_end: `${year + 1}-12-31`, user_id: user.id,
  }).execute();
  return { ...session, userId: user.id };
}

export async function makeNeed(db: Db, communityId: string, title = 'ทางเดินในชุมชนน้ำท่วมขัง'): Promise<{ id: string; publicId: string }> {
  const { n } = await db.selectFrom('community_needs').select((eb) => eb.fn.countAll<string>().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow();
  const pid = `ND-${publicId(8)}`;
  const row = await db.insertInto('community_needs').values({
    public_id: pid, community_id: communityId, rank: Number(n) + 1, title, description: 'น้ำท่วมขังทุกครั้งที่ฝนตก เดินผ่านไม่ได้', households_affected: 40,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, publicId: pid };
}

export async function citeReport(db: Db, reportCode: string, needId: string): Promise<void> {
  const report = await db.selectFrom('reports').select('id').where('code', '=', reportCode).executeTakeFirstOrThrow();
  await db.insertInto('resource_links').values({ from_type: 'report', from_id: report.id, to_type: 'need', to_id: needId, relation: 'evidence' }).execute();
}

export function proposalBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'ปรับปรุงทางเดินและท่อระบายน้ำในซอย',
    problem: 'ฝนตกแล้วน้ำท่วมขังทางเดินในซอย ผู้สูงอายุเดินลำบาก',
    objectives: 'ให้ทางเดินแห้งและปลอดภัย',
    activities: [{ title: 'ลอกท่อระบายน้ำ', starts_on: '2027-01-10', ends_on: '2027-01-20' }],
    beneficiaries: 'ผู้อยู่อาศัยในซอย',
    beneficiaries_count: 150,
    starts_on: '2027-01-01',
    ends_on: '2027-03-31',
    strategy_code: 'environment',
    district_policy: 'เขตปลอดน้ำท่วมขัง',
    fiscal_year: CURRENT_FY,
    total_baht: '16,250.51',
    budget_lines: [
      { description: 'ท่อระบายน้ำคอนกรีต', quantity: 10, unit: 'ท่อน', unit_cost_baht: '1,200', amount_baht: '12,000' },
      { description: 'ค่าแรง', quantity: '3.5', unit: 'วัน', unit_cost_baht: '1214.43' },
    ],
    ...overrides,
  };
}

/** 3.5 × 1,214.43 = 4,250.505 → 4,250.51; 12,000 + 4,250.51 = 16,250.51. */
export const BODY_TOTAL_SATANG = '1625051';

export async function createProposal(app: FastifyInstance, member: Session, overrides: Record<string, unknown> = {}) {
  const response = await client(app, member).post('/api/v1/proposals', proposalBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; state: string } & Record<string, unknown>;
}

/** A district with a community, its committee member, a planner and an evaluator of its office. */
export async function district(app: FastifyInstance, db: Db, districtCode = 1004) {
  const community = await makeCommunity(db, districtCode);
  const member = await seatedMember(app, db, community.id);
  const planner = await staff(app, db, 'planner', office(districtCode));
  const evaluator = await staff(app, db, 'officer', office(districtCode));
  const need = await makeNeed(db, community.id);
  return { community, member, planner, evaluator, need };
}

type World = Awaited<ReturnType<typeof district>>;
export type Walkable = 'draft' | 'submitted' | 'under_review' | 'revision_requested' | 'accepted' | 'not_accepted' | 'merged' | 'withdrawn';

/** A fresh proposal of the world's community, walked through the API to `state`. */
export async function proposalIn(app: FastifyInstance, w: World, state: Walkable): Promise<string> {
  const { id } = await createProposal(app, w.member, { need_ids: [w.need.publicId] });
  const ok = async (who: Session, path: string, body: unknown = {}) => {
    const response = await client(app, who).post(`/api/v1/proposals/${id}/${path}`, body);
    expect(response.statusCode, `${path}: ${response.body}`).toBe(200);
  };
  if (state === 'draft') return id;
  if (state === 'withdrawn') { await ok(w.member, 'withdraw', { note: 'ชุมชนหาทุนได้เองแล้ว' }); return id; }
  await ok(w.member, 'submit');
  if (state === 'submitted') return id;
  if (state === 'not_accepted') { await ok(w.planner, 'not-accept', { reason: 'ซ้ำกับโครงการของสำนักการระบายน้ำ' }); return id; }
  await ok(w.planner, 'assign', { evaluator_id: w.evaluator.publicId });
  if (state === 'under_review') return id;
  if (state === 'revision_requested') { await ok(w.evaluator, 'request-revision', { note: 'กรุณาแนบใบเสนอราคา' }); return id; }
  if (state === 'accepted') {
    await ok(w.evaluator, 'accept', { feasibility: 'ทำได้ภายในปีงบประมาณ', cost_check: 'ราคาสมเหตุสมผล', carrying_agency_code: office(Number(w.community.code.slice(0, 4))) });
    return id;
  }
  const target = await proposalIn(app, w, 'submitted');
  await ok(w.planner, 'merge', { merged_into: target });
  return id;
}

export async function counts(db: Db) {
  const one = async (table: 'proposals' | 'proposal_budget_lines' | 'proposal_events' | 'resource_links' | 'audit_log' | 'attachments') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    proposals: await one('proposals'), lines: await one('proposal_budget_lines'), events: await one('proposal_events'),
    links: await one('resource_links'), audit: await one('audit_log'), attachments: await one('attachments'),
  };
}

/** The proposal row as stored, to prove a refused step changed nothing. */
export async function stored(db: Db, id: string) {
  return db.selectFrom('proposals').selectAll().where('public_id', '=', id).executeTakeFirstOrThrow();
}
