import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
import { auditRows, PLACES } from '../helpers/factories.ts';
import { sha256Hex } from '../../server/platform/auth/tokens.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

// Signup and login are rate-limited per IP; every call here comes from its own address so
// the tests never limit each other (the limit itself is tested on an app of its own).
let ipSeq = 0;
const nextIp = () => { ipSeq += 1; return `10.1.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`; };
let seq = 0;
const uniqueEmail = (prefix = 'person') => `${prefix}.${process.pid}.${++seq}.${Date.now().toString(36)}@example.org`;
const uniquePhone = () => `08${String(Date.now() + ++seq).slice(-8)}`;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
function send(method: Method, url: string, options: { payload?: unknown; headers?: Record<string, string>; ip?: string } = {}) {
  return t.app.inject({
    method,
    url,
    remoteAddress: options.ip ?? nextIp(),
    headers: options.headers ?? {},
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
}

const PASSWORD = 'ช้างเผือก ริมน้ำ 2569';

interface Signed { cookie: string; csrf: string; publicId: string }
function sessionOf(response: LightMyRequestResponse): Signed {
  const cookie = response.cookies.find((c) => c.name === 'dp_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  const body = response.json() as { user: { id: string }; csrf_token: string };
  return { cookie: cookie.value, csrf: body.csrf_token, publicId: body.user.id };
}
const withCookie = (s: Signed, csrf = true): Record<string, string> => ({ cookie: `dp_session=${s.cookie}`, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) });

async function signUp(body: Record<string, unknown>) {
  const response = await send('POST', '/api/v1/auth/signup', { payload: { password: PASSWORD, display_name: 'สมหญิง รักเมือง', ...body } });
  expect(response.statusCode, response.body).toBe(201);
  return { response, session: sessionOf(response) };
}
const login = (identifier: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  send('POST', '/api/v1/auth/login', { payload: { identifier, password }, headers });

const count = async (table: 'users' | 'sessions' | 'audit_log' | 'reports') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const liveSessions = async () =>
  Number((await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).where('revoked_at', 'is', null).executeTakeFirstOrThrow()).n);

/** A refusal is a clear bilingual problem, and it leaves no account, session or audit row behind. */
async function expectRefused(request: () => Promise<LightMyRequestResponse>, status: number, code?: string) {
  const before = { users: await count('users'), sessions: await count('sessions'), audit: await count('audit_log') };
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.json() as { status: number; code: string; detail_th: string; detail_en: string };
  expect(problem.status).toBe(status);
  expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
  expect(problem.detail_en).toMatch(/[a-z]/i);
  if (code) expect(problem.code).toBe(code);
  expect(response.cookies.find((c) => c.name === 'dp_session')).toBeUndefined();
  expect({ users: await count('users'), sessions: await count('sessions'), audit: await count('audit_log') }).toEqual(before);
  return problem;
}

describe('signing up', () => {
  it('with an e-mail address: a citizen account, signed in, password stored as argon2id with OWASP parameters', async () => {
    const usersBefore = await count('users');
    const email = uniqueEmail('Somying');
    const { response, session } = await signUp({ email });
    const body = response.json();
    expect(body.user).toMatchObject({ email, phone: null, role: 'citizen', agency: null, display_name: 'สมหญิง รักเมือง' });
    expect(body.user.id).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toContain('password');
    expect(await count('users')).toBe(usersBefore + 1);
    const row = await t.db.selectFrom('users').selectAll().where('public_id', '=', session.publicId).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('with a Thai mobile number as people type it, stored as +66…', async () => {
    const typed = uniquePhone();
    const formatted = `${typed.slice(0, 3)}-${typed.slice(3, 6)}-${typed.slice(6)}`;
    const { response } = await signUp({ phone: formatted });
    const e164 = `+66${typed.slice(1)}`;
    expect(response.json().user).toMatchObject({ phone: e164, email: null });
    const stored = await t.db.selectFrom('users').select('phone').where('public_id', '=', response.json().user.id).executeTakeFirstOrThrow();
    expect(stored.phone).toBe(e164);
    // Any spelling of the same number signs in.
    for (const identifier of [typed, e164, `+66 ${typed.slice(1, 3)} ${typed.slice(3, 6)} ${typed.slice(6)}`]) {
      expect((await login(identifier)).statusCode).toBe(200);
    }
  });

  it('a Bangkok landline (02…) is a phone too', async () => {
    const digits = String(Date.now() + ++seq).slice(-7);
    const { response } = await signUp({ phone: `02-${digits.slice(0, 3)}-${digits.slice(3)}` });
    expect(response.json().user.phone).toBe(`+662${digits}`);
  });
});

describe('bad sign-ups are refused with a clear message and nothing is stored', () => {
  const signup = (body: Record<string, unknown>) => () => send('POST', '/api/v1/auth/signup', { payload: body });
  const good = () => ({ email: uniqueEmail(), password: PASSWORD, display_name: 'ทดสอบ' });

  it('the same e-mail again, in other letter case → 409', async () => {
    const email = uniqueEmail('dup');
    await signUp({ email });
    await expectRefused(signup({ ...good(), email: email.toUpperCase() }), 409, 'account_exists');
  });

  it('the same phone again, written differently → 409', async () => {
    const phone = uniquePhone();
    await signUp({ phone });
    await expectRefused(signup({ ...good(), email: undefined, phone: `+66${phone.slice(1)}` }), 409, 'account_exists');
  });

  // Server bug: the duplicate check looks only at the e-mail when both are given, so a phone
  // that belongs to someone else reaches the unique index and the caller gets a 500.
  it('a new e-mail with a phone that already has an account → 409, not 500', async () => {
    const phone = uniquePhone();
    await signUp({ phone });
    await expectRefused(signup({ ...good(), phone }), 409, 'account_exists');
  });

  // Server bug: the duplicate check and the insert are not atomic. Two sign-ups that both pass
  // the check reach the unique index; the loser gets a 500 instead of 409. The test holds a
  // table lock until both requests wait at their INSERT, so the race happens every time.
  it('two sign-ups with the same e-mail at the same moment: one account, the other 409', async () => {
    const email = uniqueEmail('race');
    const usersBefore = await count('users');
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table users in share row exclusive mode');
      const pending = Promise.all([0, 1].map(() => send('POST', '/api/v1/auth/signup', { payload: { ...good(), email } })));
      for (let waited = 0; waited < 10_000; waited += 20) {
        const { rows } = await locker.query(`select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'users' and not l.granted`);
        if (rows[0].n >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await locker.query('commit');
      const responses = await pending;
      expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([201, 409]);
    } finally {
      await locker.end();
    }
    expect(await count('users')).toBe(usersBefore + 1);
  });

  it('a password shorter than 8 characters', async () => {
    const problem = await expectRefused(signup({ ...good(), password: 'abc123' }), 400);
    expect(JSON.stringify(problem)).toContain('password');
  });
  it('an invalid e-mail address', () => expectRefused(signup({ ...good(), email: 'somchai-at-example.org' }), 400, 'invalid_email'));
  it('an e-mail address without a domain', () => expectRefused(signup({ ...good(), email: 'somchai@localhost' }), 400, 'invalid_email'));
  it('a number that is not a Thai phone', () => expectRefused(signup({ ...good(), email: undefined, phone: '12345' }), 400, 'invalid_phone'));
  it('a phone with letters', () => expectRefused(signup({ ...good(), email: undefined, phone: '08l-234-5678' }), 400, 'invalid_phone'));
  it('neither e-mail nor phone', () => expectRefused(signup({ password: PASSWORD, display_name: 'ทดสอบ' }), 400, 'identifier_required'));
  it('a blank display name', () => expectRefused(signup({ ...good(), display_name: '   ' }), 400, 'name_required'));
  it('an unknown field (asking to be an administrator)', async () => {
    const problem = await expectRefused(signup({ ...good(), role: 'admin' }), 400, 'validation_failed');
    expect(JSON.stringify(problem)).toContain('role');
  });
  it('a field of the wrong type', () => expectRefused(signup({ ...good(), password: 12345678 as unknown as string, email: { $ne: null } }), 400, 'validation_failed'));
  it('malformed JSON', () =>
    expectRefused(() => t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: nextIp(), headers: { 'content-type': 'application/json' }, payload: '{"email":' }), 400, 'invalid_json'));
});

describe('logging in', () => {
  let email: string;
  beforeAll(async () => { email = uniqueEmail('login'); await signUp({ email }); });

  it('with the right password: a server-side session in an HttpOnly, SameSite=Lax cookie', async () => {
    const response = await login(email.toUpperCase());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.email).toBe(email);
    const raw = String(response.headers['set-cookie']);
    expect(raw).toMatch(/dp_session=/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\/(;|$)/);
    const cookie = response.cookies.find((c) => c.name === 'dp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.path).toBe('/');
    expect(cookie.maxAge).toBe(14 * 24 * 3600);
    // ≥ 128 bits of randomness, and only its hash is kept: a database dump is no key.
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', cookie.value).executeTakeFirst()).toBeUndefined();
    const row = await t.db.selectFrom('sessions').selectAll().where('id', '=', sha256Hex(cookie.value)).executeTakeFirstOrThrow();
    expect(row.kind).toBe('cookie');
    expect(row.revoked_at).toBeNull();
  });

  it('unknown account and wrong password get the same 401, and no session', async () => {
    const wrong = await expectRefused(() => login(email, 'not the password'), 401);
    const unknown = await expectRefused(() => login(uniqueEmail('nobody'), 'not the password'), 401);
    const unknownPhone = await expectRefused(() => login('0899999999', 'not the password'), 401);
    const garbage = await expectRefused(() => login('just some words', 'not the password'), 401);
    for (const other of [unknown, unknownPhone, garbage]) {
      expect(other.code).toBe(wrong.code);
      expect(other.detail_th).toBe(wrong.detail_th);
      expect(other.detail_en).toBe(wrong.detail_en);
    }
  });

  it('refuses an empty password and unknown fields with 400', async () => {
    await expectRefused(() => send('POST', '/api/v1/auth/login', { payload: { identifier: email, password: '' } }), 400, 'validation_failed');
    await expectRefused(() => send('POST', '/api/v1/auth/login', { payload: { identifier: email, password: PASSWORD, remember: true } }), 400, 'validation_failed');
  });

  it('opens a new session at every login, whatever cookie the browser already had (no fixation)', async () => {
    const first = sessionOf(await login(email));
    const planted = 'attacker-chosen-session-value-000000000000000';
    const second = await login(email, PASSWORD, { cookie: `dp_session=${planted}` });
    expect(second.statusCode).toBe(200);
    const secondSession = sessionOf(second);
    expect(secondSession.cookie).not.toBe(first.cookie);
    expect(secondSession.cookie).not.toBe(planted);
    expect(secondSession.csrf).not.toBe(first.csrf);
    // Even a login made while signed in does not keep the old id.
    const third = sessionOf(await login(email, PASSWORD, withCookie(secondSession)));
    expect(third.cookie).not.toBe(secondSession.cookie);
  });

  it('GET session tells who is signed in and the CSRF token; anonymous gets nulls', async () => {
    const session = sessionOf(await login(email));
    const me = await send('GET', '/api/v1/auth/session', { headers: withCookie(session, false) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: { id: session.publicId, display_name: 'สมหญิง รักเมือง', email, phone: null, role: 'citizen', agency: null },
      csrf_token: session.csrf,
    });
    expect((await send('GET', '/api/v1/auth/session')).json()).toEqual({ user: null, csrf_token: null });
    const forged = await send('GET', '/api/v1/auth/session', { headers: { cookie: 'dp_session=forged' } });
    expect(forged.json()).toEqual({ user: null, csrf_token: null });
  });
});

describe('CSRF defence for cookie sessions', () => {
  let session: Signed;
  beforeAll(async () => { session = (await signUp({ email: uniqueEmail('csrf') })).session; });
  const report = { category: 'road', description: 'ถนนทรุดหน้าโรงเรียน', ...PLACES.bangRak };

  it('a POST with the cookie but no X-CSRF-Token → 403 csrf_failed, nothing filed', async () => {
    const reportsBefore = await count('reports');
    const problem = await expectRefused(() => send('POST', '/api/v1/reports', { payload: report, headers: withCookie(session, false) }), 403, 'csrf_failed');
    expect(problem.detail_en).toMatch(/anti-forgery/i);
    expect(await count('reports')).toBe(reportsBefore);
  });

  it('a POST with another session\'s token → 403 csrf_failed', async () => {
    const other = (await signUp({ email: uniqueEmail('other') })).session;
    const reportsBefore = await count('reports');
    await expectRefused(() => send('POST', '/api/v1/reports', { payload: report, headers: { ...withCookie(session, false), 'x-csrf-token': other.csrf } }), 403, 'csrf_failed');
    expect(await count('reports')).toBe(reportsBefore);
  });

  it('logout without the token is refused and the session lives on', async () => {
    await expectRefused(() => send('POST', '/api/v1/auth/logout', { headers: withCookie(session, false) }), 403, 'csrf_failed');
    expect((await send('GET', '/api/v1/auth/session', { headers: withCookie(session, false) })).json().user.id).toBe(session.publicId);
  });

  it('a request from another site (wrong Origin) → 403 even with the token', async () => {
    const reportsBefore = await count('reports');
    await expectRefused(() => send('POST', '/api/v1/reports', {
      payload: report,
      headers: { ...withCookie(session), host: 'demopolis.example', origin: 'https://evil.example' },
    }), 403);
    await expectRefused(() => send('POST', '/api/v1/reports', { payload: report, headers: { ...withCookie(session), origin: 'null' } }), 403);
    expect(await count('reports')).toBe(reportsBefore);
  });

  it('the same origin with the token is accepted', async () => {
    const response = await send('POST', '/api/v1/reports', {
      payload: report,
      headers: { ...withCookie(session), host: 'demopolis.example', origin: 'https://demopolis.example' },
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('logging out', () => {
  it('ends the cookie session: 204, cookie cleared, the old cookie no longer authenticates', async () => {
    const email = uniqueEmail('logout');
    await signUp({ email });
    const session = sessionOf(await login(email));
    expect((await send('GET', '/api/v1/me/reports', { headers: withCookie(session) })).statusCode).toBe(200);
    const live = await liveSessions();
    const out = await send('POST', '/api/v1/auth/logout', { headers: withCookie(session) });
    expect(out.statusCode, out.body).toBe(204);
    expect(out.body).toBe('');
    const cleared = out.cookies.find((c) => c.name === 'dp_session');
    expect(cleared?.value).toBe('');
    expect(await liveSessions()).toBe(live - 1);
    const row = await t.db.selectFrom('sessions').select('revoked_at').where('id', '=', sha256Hex(session.cookie)).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    // The browser may keep sending the old cookie; it opens nothing.
    expect((await send('GET', '/api/v1/auth/session', { headers: withCookie(session) })).json()).toEqual({ user: null, csrf_token: null });
    const mine = await send('GET', '/api/v1/me/reports', { headers: withCookie(session) });
    expect(mine.statusCode).toBe(401);
    expect(mine.json().code).toBe('unauthorized');
    expect((await send('POST', '/api/v1/auth/logout', { headers: withCookie(session) })).statusCode).toBe(401);
  });

  it('logout without a session → 401', async () => {
    const response = await send('POST', '/api/v1/auth/logout');
    expect(response.statusCode).toBe(401);
    expect(response.json().detail_th).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe('bearer tokens for apps', () => {
  it('work without CSRF, are refused as cookies, and logout revokes them', async () => {
    const phone = uniquePhone();
    await signUp({ phone });
    const issued = await send('POST', '/api/v1/auth/token', { payload: { identifier: phone, password: PASSWORD } });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.cookies).toHaveLength(0);
    const { token, user } = issued.json() as { token: string; user: { id: string } };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const bearer = { authorization: `Bearer ${token}` };

    const me = await send('GET', '/api/v1/auth/session', { headers: bearer });
    expect(me.json().user.id).toBe(user.id);
    expect(me.json().csrf_token).toBeNull();

    // No CSRF token needed: browsers never attach bearer tokens by themselves.
    const filed = await send('POST', '/api/v1/reports', { payload: { category: 'lighting', description: 'ไฟทางดับทั้งซอย', ...PLACES.bangRak }, headers: bearer });
    expect(filed.statusCode, filed.body).toBe(201);
    const mine = await send('GET', '/api/v1/me/reports', { headers: bearer });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { code: string }) => i.code)).toContain(filed.json().report.code);

    // A token is not a cookie, and a cookie is not a token.
    expect((await send('GET', '/api/v1/auth/session', { headers: { cookie: `dp_session=${token}` } })).json().user).toBeNull();
    const browser = sessionOf(await login(phone));
    expect((await send('GET', '/api/v1/auth/session', { headers: { authorization: `Bearer ${browser.cookie}` } })).json().user).toBeNull();

    const out = await send('POST', '/api/v1/auth/logout', { headers: bearer });
    expect(out.statusCode, out.body).toBe(204);
    expect((await send('GET', '/api/v1/auth/session', { headers: bearer })).json().user).toBeNull();
    expect((await send('GET', '/api/v1/me/reports', { headers: bearer })).statusCode).toBe(401);
    // The browser session of the same person is untouched.
    expect((await send('GET', '/api/v1/auth/session', { headers: withCookie(browser) })).json().user.id).toBe(user.id);

    const revoke = (await auditRows(t.db, user.id)).filter((a) => a.action === 'session.revoke');
    expect(revoke).toHaveLength(1);
    expect(revoke[0]!.channel).toBe('app');
  });

  it('a wrong password gets no token', async () => {
    const email = uniqueEmail('tok');
    await signUp({ email });
    await expectRefused(() => send('POST', '/api/v1/auth/token', { payload: { identifier: email, password: 'wrong password' } }), 401);
  });
});

describe('the audit trail of an account', () => {
  it('records user.create, session.open and session.revoke, never a password, hash or token', async () => {
    const email = uniqueEmail('audit');
    const { session: first } = await signUp({ email });
    const second = sessionOf(await login(email));
    expect((await send('POST', '/api/v1/auth/logout', { headers: withCookie(second) })).statusCode).toBe(204);

    const rows = await auditRows(t.db, first.publicId);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'session.open', 'session.open', 'session.revoke']);
    expect(rows.every((r) => r.entity_type === 'user')).toBe(true);
    const [create, open] = rows;
    expect(create!.actor_label).toBe('anonymous');
    expect(create!.after).toEqual({ role: 'citizen', agency_id: null, has_email: true, has_phone: false });
    expect(open!.after).toEqual({ kind: 'cookie' });
    const user = await t.db.selectFrom('users').select(['id', 'password_hash']).where('public_id', '=', first.publicId).executeTakeFirstOrThrow();
    expect(rows[2]!.actor_user_id).toBe(user.id);
    expect(rows[3]!.actor_label).toBe(`user:${first.publicId}`);

    const everything = JSON.stringify(rows.map((r) => [r.before, r.after, r.actor_label, r.entity_id]));
    for (const secret of [PASSWORD, user.password_hash, '$argon2', first.cookie, first.csrf, second.cookie, second.csrf, sha256Hex(second.cookie)]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/password|hash|token/i);
    const persisted = await sql<{ n: string }>`select count(*) as n from audit_log where before::text ilike '%argon2%' or after::text ilike '%argon2%'`.execute(t.db);
    expect(Number(persisted.rows[0]!.n)).toBe(0);
  });
});

describe('login rate limit', () => {
  let fresh: TestContext;
  beforeAll(async () => { fresh = await createTestApp({ secureCookies: true }); });
  afterAll(async () => { await fresh.close(); });

  it('answers 429 with a bilingual problem and Retry-After after 10 attempts a minute from one address', async () => {
    const email = uniqueEmail('limited');
    const created = await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: '192.0.2.10', payload: { email, password: PASSWORD, display_name: 'ทดสอบ' } });
    expect(created.statusCode).toBe(201);
    // With PUBLIC_URL on https (here: secureCookies) the cookie is Secure too.
    expect(String(created.headers['set-cookie'])).toMatch(/;\s*Secure/i);

    const attempt = (password: string, remoteAddress = '192.0.2.20') =>
      fresh.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { identifier: email, password } });
    for (let i = 0; i < 10; i += 1) expect((await attempt(`guess number ${i}`)).statusCode).toBe(401);
    const limited = await attempt(PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    const problem = limited.json();
    expect(problem).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
    expect(problem.detail_en).toMatch(/too many/i);
    expect(limited.cookies).toHaveLength(0);
    // Another address is not punished for it.
    expect((await attempt(PASSWORD, '192.0.2.30')).statusCode).toBe(200);
  });

  it('is one shared allowance for login and token, across app instances on the same database', async () => {
    const email = uniqueEmail('shared');
    await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: '192.0.2.40', payload: { email, password: PASSWORD, display_name: 'ทดสอบ' } });
    // A second server process on the same database, as behind a load balancer.
    const { buildApp } = await import('../../server/app.ts');
    const second = await buildApp({ config: fresh.config, db: fresh.db, logger: false, background: false, loadShedding: false });
    try {
      const from = '192.0.2.50';
      for (let i = 0; i < 5; i += 1) {
        expect((await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: from, payload: { identifier: email, password: `wrong ${i}` } })).statusCode).toBe(401);
        expect((await second.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: from, payload: { identifier: email, password: `wrong ${i}` } })).statusCode).toBe(401);
      }
      expect((await second.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: from, payload: { identifier: email, password: PASSWORD } })).statusCode).toBe(429);
      expect((await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: from, payload: { identifier: email, password: PASSWORD } })).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});

describe('changing the password', () => {
  it('needs the current password, ends the other sessions, and the new password works', async () => {
    const email = uniqueEmail('changer');
    const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: '192.0.2.60', payload: { email, password: PASSWORD, display_name: 'เปลี่ยนรหัส' } });
    expect(signup.statusCode).toBe(201);
    const here = { cookie: signup.cookies.find((c) => c.name === 'dp_session')!.value, csrf: signup.json().csrf_token };
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: '192.0.2.61', payload: { identifier: email, password: PASSWORD } });
    const token = other.json().token;
    const headers = { cookie: `dp_session=${here.cookie}`, 'x-csrf-token': here.csrf };
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '192.0.2.62', headers, payload: { current_password: 'not it at all', new_password: 'a brand new password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('wrong_password');
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '192.0.2.62', headers, payload: { current_password: PASSWORD, new_password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '192.0.2.62', payload: { current_password: PASSWORD, new_password: 'a brand new password' } });
    expect(anon.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', remoteAddress: '192.0.2.62', headers, payload: { current_password: PASSWORD, new_password: 'a brand new password' } });
    expect(ok.statusCode, ok.body).toBe(204);
    // This session lives on; the app token from before is revoked.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).json().user).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } })).json().user).toBeNull();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.63', payload: { identifier: email, password: PASSWORD } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.63', payload: { identifier: email, password: 'a brand new password' } })).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'user.password_change').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
