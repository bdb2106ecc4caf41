/**
 * Shared by the call-centre integration tests: agents signed in through the API, a
 * fresh caller number per test, a valid filing body, and the row counts that prove
 * "nothing stored".
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Session } from '../../../test/helpers/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import type { Db } from '../../platform/db/database.ts';

export const unique = () => crypto.randomBytes(4).toString('hex');
/** A fresh Thai mobile number per test, so tests never see each other's callers. */
export const newPhone = () => `08${String(crypto.randomInt(10_000_000, 99_999_999))}`;

export async function login(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier: email, password } });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { user: { id: string; role: string }; csrf_token: string };
  return { cookie: response.cookies.find((c) => c.name === 'dp_session')!.value, csrf: body.csrf_token, userId: '', publicId: body.user.id };
}

/** A 1555 agent made as a system administrator would (no agency), then signed in. */
export async function createAgent(app: FastifyInstance, db: Db): Promise<Session> {
  const email = `agent.${unique()}@1555.bangkok.go.th`;
  await createAuthService(db).createUser({ email, password: 'agent password 1', display_name: `เจ้าหน้าที่ 1555 ${unique()}`, role: 'agent' }, SYSTEM_ACTOR('test'));
  const session = await login(app, email, 'agent password 1');
  const me = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `dp_session=${session.cookie}` } });
  expect(me.json().user.role).toBe('agent');
  return session;
}

export function filingBody(phone: string, overrides: Record<string, unknown> = {}) {
  return {
    caller_phone: phone,
    caller_name: 'คุณสมศรี',
    district: 1004,
    subdistrict: 'สีลม',
    road: 'ซอยสีลม 5',
    landmark: 'ร้านสะดวกซื้อ',
    category: 'road',
    description: 'ถนนในซอยเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย',
    follow_up: 'sms',
    ...overrides,
  };
}

export async function counts(db: Db) {
  const one = async (table: 'reports' | 'outbox' | 'report_subscriptions' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { reports: await one('reports'), outbox: await one('outbox'), subscriptions: await one('report_subscriptions'), audit: await one('audit_log') };
}
