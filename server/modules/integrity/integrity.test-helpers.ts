import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Session } from '../../../test/helpers/factories.ts';

export const TEST_INTEGRITY_KEY = crypto.randomBytes(32);
export type IntegrityRole = 'screening_officer' | 'investigator' | 'custodian' | 'integrity_head' | 'agent' | 'officer' | 'citizen';

const unique = () => crypto.randomBytes(4).toString('hex');

/** An integrity-unit account (optionally with a home agency), signed in through the API. */
export async function integrityStaff(app: FastifyInstance, db: Db, role: IntegrityRole, homeAgency: string | null = null): Promise<Session> {
  const email = `${role}.${unique()}@integrity.bangkok.go.th`;
  const agency = homeAgency ? await db.selectFrom('agencies').select('id').where('code', '=', homeAgency).executeTakeFirstOrThrow() : null;
  const user = await createAuthService(db).createUser({ email, password: 'integrity pass 1', display_name: `${role} ${unique()}`, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier: email, password: 'integrity pass 1' }, remoteAddress: `10.77.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}` });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'dp_session')!;
  const body = response.json() as { csrf_token: string };
  return { cookie: cookie.value, csrf: body.csrf_token, userId: user.id, publicId: user.publicId };
}

export const AGENCY = 'district-1004';

export function complaint(overrides: Record<string, unknown> = {}) {
  return {
    agency_code: AGENCY,
    unit: 'ฝ่ายโยธา',
    position: 'หัวหน้าฝ่าย',
    what: 'เจ้าหน้าที่เรียกรับเงินสามหมื่นบาทเพื่อออกใบอนุญาตก่อสร้าง secret-complaint-marker',
    when_text: 'มีนาคม 2569',
    where_text: 'สำนักงานเขตบางรัก',
    amount_baht: 30000,
    ...overrides,
  };
}

export async function fileAnonymously(app: FastifyInstance, body: Record<string, unknown> = complaint(), remoteAddress = `198.51.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: body, remoteAddress });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { case_number: string; receipt: string; receipt_groups: string[] };
}

export async function openCase(app: FastifyInstance, caseNumber: string, receipt: string, remoteAddress = `198.18.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: caseNumber, receipt }, remoteAddress });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { case_view_token: string; must_reset: boolean };
}
