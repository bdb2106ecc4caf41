import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { createDb, type Db } from '../../server/platform/db/database.ts';
import { PLACES } from '../helpers/factories.ts';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';
import { openSse, type SseClient } from '../helpers/sse.ts';
import { createTestDatabase } from '../helpers/test-app.ts';

/**
 * Two server processes on one PostgreSQL behave as one (DESIGN §2: the app servers keep
 * no state of their own): reports, sessions, shared rate limits and live updates cross
 * from one instance to the other.
 */
let a: ServerProcess;
let b: ServerProcess;
let db: Db;
let dataDir: string;
const streams: SseClient[] = [];
const OFFICER = { email: `officer.${process.pid}@bangkok.go.th`, password: 'officer password 1' };

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  db = createDb(databaseUrl, 2);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-scale-'));
  // One media directory for both, as a shared volume would be.
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'district-1004').executeTakeFirstOrThrow();
  await createAuthService(db).createUser({ email: OFFICER.email, password: OFFICER.password, display_name: 'เจ้าหน้าที่ บางรัก', role: 'officer', agency_id: agency.id }, SYSTEM_ACTOR('test'));
}, 180_000);

afterAll(async () => {
  // Stopped with live streams still open: they are ended, and shutdown is not held up.
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all(streams.map((s) => s.ended));
  for (const s of streams) s.close();
  await db?.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  expect(codes).toEqual([0, 0]);
  expect(a.output()).toContain('stopped cleanly');
}, 60_000);

const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });

async function file(on: ServerProcess) {
  const { body, ...headers } = json({ category: 'road', description: 'ถนนทรุดเป็นหลุมกว้างหน้าตลาด', ...PLACES.bangRak });
  const response = await fetch(`${on.url}/api/v1/reports`, { method: 'POST', headers, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { report: { code: string; state: string }; reporter_token: string };
}

interface Signed { cookie: string; csrf: string }

async function signIn(on: ServerProcess): Promise<Signed> {
  const { body, ...headers } = json({ identifier: OFFICER.email, password: OFFICER.password });
  const response = await fetch(`${on.url}/api/v1/auth/login`, { method: 'POST', headers, body });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dp_session='))!.split(';')[0]!;
  return { cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
}

function as(session: Signed, on: ServerProcess) {
  return {
    get: (url: string) => fetch(`${on.url}${url}`, { headers: { cookie: session.cookie } }),
    post: (url: string, payload: unknown = {}) => {
      const { body, ...headers } = json(payload);
      return fetch(`${on.url}${url}`, { method: 'POST', headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf }, body });
    },
  };
}

describe('two instances on one PostgreSQL', () => {
  it('a report filed on A is read on B, supported on B, and seen supported on A', async () => {
    const filed = await file(a);
    const onB = await fetch(`${b.url}/api/v1/reports/${filed.report.code}`);
    expect(onB.status).toBe(200);
    expect((await onB.json()).description).toBe('ถนนทรุดเป็นหลุมกว้างหน้าตลาด');
    const support = await fetch(`${b.url}/api/v1/reports/${filed.report.code}/support`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(support.status, await support.clone().text()).toBe(200);
    const onA = await (await fetch(`${a.url}/api/v1/reports/${filed.report.code}`)).json();
    expect(onA.support_count).toBe(1);
  });

  it('a session made on A works on B (read and write), and signing out on B ends it on A', async () => {
    const session = await signIn(a);
    const me = await as(session, b).get('/api/v1/auth/session');
    expect(me.status).toBe(200);
    expect((await me.json()).user.role).toBe('officer');

    const filed = await file(b);
    const accepted = await as(session, b).post(`/api/v1/reports/${filed.report.code}/accept`);
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect((await (await fetch(`${a.url}/api/v1/reports/${filed.report.code}`)).json()).state).toBe('in_progress');

    expect((await as(session, b).post('/api/v1/auth/logout')).status).toBeLessThan(300);
    const after = await (await as(session, a).get('/api/v1/auth/session')).json();
    expect(after.user ?? null).toBeNull();
  });

  it('live updates made on A reach watchers connected to B (and to A)', async () => {
    const filed = await file(a);
    const onB = await openSse(`${b.url}/api/v1/reports/${filed.report.code}/events`);
    const onA = await openSse(`${a.url}/api/v1/reports/${filed.report.code}/events`);
    streams.push(onA, onB);
    expect(onB.status).toBe(200);
    await onB.next((e) => e.event === 'report');
    await onA.next((e) => e.event === 'report');

    const session = await signIn(a);
    expect((await as(session, a).post(`/api/v1/reports/${filed.report.code}/accept`)).status).toBe(200);
    const note = 'ทีมช่างจะเข้าซ่อมภายในสัปดาห์นี้';
    expect((await as(session, a).post(`/api/v1/reports/${filed.report.code}/notes`, { text: note, visibility: 'public' })).status).toBe(200);

    const hasNote = (e: { data: string }) => (JSON.parse(e.data).report.timeline as Array<{ note: string | null }>).some((x) => x.note === note);
    const seenOnB = JSON.parse((await onB.next(hasNote, 15_000)).data);
    expect(seenOnB.report.state).toBe('in_progress');
    await onA.next(hasNote, 15_000);
  });

  it('the login rate limit is one allowance across both instances', async () => {
    await db.deleteFrom('rate_limits').where('key', 'like', 'login|%').execute();
    const attempt = (on: ServerProcess) => {
      const { body, ...headers } = json({ identifier: OFFICER.email, password: 'wrong password' });
      return fetch(`${on.url}/api/v1/auth/login`, { method: 'POST', headers, body }).then((r) => r.status);
    };
    const statuses: number[] = [];
    // Ten attempts a minute per address, counted wherever they land.
    for (let i = 0; i < 10; i++) statuses.push(await attempt(i % 2 === 0 ? a : b));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(await attempt(a)).toBe(429);
    expect(await attempt(b)).toBe(429);
  });
});
