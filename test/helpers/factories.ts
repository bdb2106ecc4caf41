import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import type { Db } from '../../server/platform/db/database.ts';
import { multipartBody, type FilePart } from './multipart.ts';

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  publicId: string;
}

/**
 * A signed-in browser: every request carries the session cookie and the CSRF token.
 * Each client comes from its own address, as different people do, so per-address rate
 * limits (tested on their own) do not trip over a busy test file.
 */
export function client(app: FastifyInstance, session: Session | null, extra: Record<string, string> = {}) {
  const remoteAddress = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
  const headers = (more: Record<string, string> = {}) => ({
    ...(session ? { cookie: `dp_session=${session.cookie}`, 'x-csrf-token': session.csrf } : {}),
    ...extra,
    ...more,
  });
  return {
    get: (url: string, more?: Record<string, string>) => app.inject({ method: 'GET', url, headers: headers(more), remoteAddress }),
    post: (url: string, body?: unknown, more?: Record<string, string>) => app.inject({ method: 'POST', url, payload: (body ?? {}) as object, headers: headers(more), remoteAddress }),
    patch: (url: string, body?: unknown, more?: Record<string, string>) => app.inject({ method: 'PATCH', url, payload: (body ?? {}) as object, headers: headers(more), remoteAddress }),
    delete: (url: string, more?: Record<string, string>) => app.inject({ method: 'DELETE', url, headers: headers(more), remoteAddress }),
    multipart: (url: string, fields: Record<string, string | number>, files: FilePart[] = [], more?: Record<string, string>) => {
      const body = multipartBody(fields, files);
      return app.inject({ method: 'POST', url, payload: body.payload, headers: { ...headers(more), ...body.headers }, remoteAddress });
    },
  };
}

function sessionFrom(response: LightMyRequestResponse): Session {
  const cookie = response.cookies.find((c) => c.name === 'dp_session');
  const body = response.json() as { user: { id: string }; csrf_token: string };
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return { cookie: cookie.value, csrf: body.csrf_token, userId: '', publicId: body.user.id };
}

const unique = () => crypto.randomBytes(4).toString('hex');

export async function signUpCitizen(app: FastifyInstance, overrides: { email?: string } = {}): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email: overrides.email ?? `citizen.${unique()}@example.org`, password: 'correct horse battery', display_name: 'สมชาย ใจดี' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return sessionFrom(response);
}

/** A staff account made the way an administrator would, then signed in through the API. */
export async function createStaff(app: FastifyInstance, db: Db, agencyCode: string | null, role: 'officer' | 'agency_admin' | 'admin' = 'officer'): Promise<Session> {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const agency = agencyCode ? await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow() : null;
  await createAuthService(db).createUser({ email, password: 'staff password 1', display_name: `เจ้าหน้าที่ ${unique()}`, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier: email, password: 'staff password 1' } });
  expect(response.statusCode, response.body).toBe(200);
  return sessionFrom(response);
}

/** Bang Rak (1004) unless told otherwise: a pin near Silom. */
export const PLACES = {
  bangRak: { lat: 13.7292, lng: 100.5243 },
  phraNakhon: { lat: 13.7500, lng: 100.4913 },
  outside: { lat: 13.9, lng: 100.2 },
} as const;

export async function fileReport(app: FastifyInstance, session: Session | null, overrides: Record<string, unknown> = {}) {
  const response = await client(app, session).post('/api/v1/reports', {
    category: 'road',
    description: 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย',
    ...PLACES.bangRak,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { report: { code: string; state: string; agency: { code: string } } & Record<string, unknown>; reporter_token: string | null };
}

export async function auditRows(db: Db, entityId: string) {
  return db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();
}

export type { FilePart };
