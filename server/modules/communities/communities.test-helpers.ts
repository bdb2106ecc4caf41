/**
 * Shared by the communities integration tests: staff of any role signed in through the
 * API, communities registered the way district staff do it, committee members with
 * their own accounts, and the row counts that prove "nothing stored".
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import type { Db } from '../../platform/db/database.ts';

export const unique = () => crypto.randomBytes(4).toString('hex');
const STAFF_PASSWORD = 'staff password 1';

/** Bang Rak (1004) points a few hundred metres apart, and places elsewhere. */
export const POINTS = {
  bangRak: { lat: 13.7292, lng: 100.5243 },
  bangRakNear: { lat: 13.7302, lng: 100.5253 },
  phraNakhon: { lat: 13.75, lng: 100.4913 },
  outsideBangkok: { lat: 13.9, lng: 100.2 },
} as const;

export async function login(app: FastifyInstance, identifier: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier, password } });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { user: { id: string }; csrf_token: string };
  return { cookie: response.cookies.find((c) => c.name === 'dp_session')!.value, csrf: body.csrf_token, userId: '', publicId: body.user.id };
}

/** Staff of any role (planner included), made as an administrator would, then signed in. */
export async function staff(app: FastifyInstance, db: Db, role: 'officer' | 'agency_admin' | 'planner' | 'admin' | 'agent', agencyCode: string | null): Promise<Session> {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const agency = agencyCode ? await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow() : null;
  await createAuthService(db).createUser({ email, password: STAFF_PASSWORD, display_name: `เจ้าหน้าที่ ${unique()}`, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  return login(app, email, STAFF_PASSWORD);
}

export const districtOffice = (districtCode: number) => `district-${districtCode}`;

export function communityBody(overrides: Record<string, unknown> = {}) {
  return {
    district_code: 1004,
    name_th: `ชุมชนทดสอบ ${unique()}`,
    kind: 'urban',
    ...POINTS.bangRak,
    households: 120,
    population: 410,
    registered_on: '2019-06-01',
    ...overrides,
  };
}

export async function registerCommunity(app: FastifyInstance, officer: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await client(app, officer).post('/api/v1/communities', communityBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { code: string }).code;
}

export function termNow(): { term_start: string; term_end: string } {
  const year = new Date().getUTCFullYear();
  return { term_start: `${year - 1}-01-01`, term_end: `${year + 1}-12-31` };
}

export async function addMember(app: FastifyInstance, officer: Session, code: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await client(app, officer).post(`/api/v1/communities/${code}/committee`, {
    full_name: `สมศรี ทดสอบ${unique()}`,
    position: 'member',
    ...termNow(),
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

/** A committee member with a fresh account, signed in with the password handed out once. */
export async function seatedMember(app: FastifyInstance, officer: Session, code: string, position = 'member'): Promise<Session & { email: string; memberId: string }> {
  const memberId = await addMember(app, officer, code, { position });
  const email = `member.${unique()}@example.org`;
  const response = await client(app, officer).post(`/api/v1/communities/${code}/committee/${memberId}/account`, { email });
  expect(response.statusCode, response.body).toBe(201);
  const { account } = response.json() as { account: { password: string } };
  return { ...(await login(app, email, account.password)), email, memberId };
}

type Counted = 'communities' | 'community_committee_members' | 'community_needs' | 'resource_links' | 'attachments' | 'audit_log' | 'users';

export async function counts(db: Db): Promise<Record<Counted, number>> {
  const tables: Counted[] = ['communities', 'community_committee_members', 'community_needs', 'resource_links', 'attachments', 'audit_log', 'users'];
  const out = {} as Record<Counted, number>;
  for (const table of tables) {
    out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
  return out;
}

/** Asserts a 4xx with both languages, and returns the body for further checks. */
export function expectProblem(response: { statusCode: number; body: string; json(): unknown }, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { code: string; detail_th: string; detail_en: string; errors?: Array<{ field: string }> };
  expect(body.detail_th).toMatch(/[\u0e00-\u0e7f]/);
  expect(body.detail_en.length).toBeGreaterThan(5);
  if (code) expect(body.code).toBe(code);
  return body;
}

/**
 * Waits until some session of this test's database is blocked on a lock: the request
 * fired just before has reached the row the test holds.
 */
export async function untilSomeoneWaits(db: Db, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { n } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
      .execute(db).then((r) => r.rows[0]!);
    if (n > 0) return;
    if (Date.now() > until) throw new Error('nobody ever waited for the lock');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
