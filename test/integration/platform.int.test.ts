import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
import { client, createStaff, fileReport, signUpCitizen } from '../helpers/factories.ts';
import { buildApp } from '../../server/app.ts';
import { createDb } from '../../server/platform/db/database.ts';
import { verifyAuditChain } from '../../server/platform/audit/audit.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

/** Every route Fastify knows, as "METHOD /path", read from its own route tree. */
function registeredRoutes(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const url = stack.join('') + match[2]!;
    stack.push(match[2]!);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) routes.push({ method, url });
  }
  return routes;
}
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('HTTP basics', () => {
  it('an unknown /api route is a 404 problem in JSON, in the language asked for', async () => {
    for (const [method, url] of [['GET', '/api/v1/no-such-thing'], ['POST', '/api/v1/reports/BKK-26-AAAAAA/teleport'], ['GET', '/api/v9/reports'], ['DELETE', '/api/v1/districts']] as const) {
      const response = await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({ status: 404, code: 'route_not_found', type: expect.stringMatching(/^https?:\/\//), title: expect.any(String) });
      expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
      expect(problem.detail_en).toMatch(/[a-z]/i);
      expect(problem.detail).toBe(problem.detail_th);
    }
    const english = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(english.json().detail).toBe(english.json().detail_en);
  });

  it('answers with security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/districts' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('health and metrics', () => {
  it('/health/live and /health/ready are 200 when the database answers', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('/health/ready is 503 when the database is unreachable, while /health/live stays 200', async () => {
    // Port 1 on loopback: nothing listens there, so every query fails at once.
    const deadDb = createDb('postgres://nobody:nothing@127.0.0.1:1/nowhere', 1);
    const app = await buildApp({ config: t.config, db: deadDb, logger: false, background: false, loadShedding: false });
    try {
      await app.ready();
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
      expect(ready.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nobody/);
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await deadDb.destroy();
    }
  });

  it('/metrics is Prometheus text with request durations by route', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/districts' });
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/districts"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*status="404"[^}]*\} [1-9]/);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    // One label per route template, never per URL: ticket codes would explode the series.
    expect(text).not.toContain('no-such-thing');
  });
});

describe('OpenAPI', () => {
  let spec: { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, unknown>>; components?: { securitySchemes?: Record<string, unknown> } };
  beforeAll(async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    spec = response.json();
  });

  it('is OpenAPI 3 with the cookie and bearer security schemes', () => {
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.info.title).toBeTruthy();
    expect(spec.info.version).toBeTruthy();
    expect(Object.keys(spec.components?.securitySchemes ?? {}).sort()).toEqual(['bearerToken', 'cookieSession']);
  });

  it('documents the known app API paths', () => {
    const expected: Array<[string, string]> = [
      ['get', '/api/v1/auth/session'], ['post', '/api/v1/auth/signup'], ['post', '/api/v1/auth/login'], ['post', '/api/v1/auth/token'], ['post', '/api/v1/auth/logout'],
      ['get', '/api/v1/districts'], ['get', '/api/v1/districts/geojson'], ['get', '/api/v1/locate'], ['get', '/api/v1/agencies'], ['get', '/api/v1/categories'],
      ['patch', '/api/v1/admin/categories/{code}'], ['get', '/api/v1/admin/staff'], ['post', '/api/v1/admin/staff'], ['get', '/api/v1/staff/officers'],
      ['post', '/api/v1/reports'], ['get', '/api/v1/reports'], ['get', '/api/v1/reports/{code}'], ['get', '/api/v1/config'],
    ];
    for (const [method, path] of expected) expect(spec.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
  });

  it('has a path and method for every registered /api/v1 route, and nothing that is not served', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !spec.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const served = new Set(routes.map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`));
    const phantom = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'head' && m !== 'parameters').map((m) => `${m} ${path}`))
      .filter((op) => !served.has(op));
    expect(phantom).toEqual([]);
  });

  it('describes error answers as problem details', () => {
    const login = spec.paths['/api/v1/auth/login']!.post as { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> };
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    const schema = Object.values(login.responses['401']!.content ?? {})[0]!.schema;
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'detail_th', 'detail_en']));
  });
});

describe('the audit chain', () => {
  const lastAuditId = async () => (await t.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;

  /** Runs SQL as the test database's owner (a superuser), the way an intruder with the database would. */
  async function asSuperuser<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  }

  beforeAll(async () => {
    // A realistic trail: accounts, sessions, a report, a rule change.
    const citizen = await signUpCitizen(t.app);
    await fileReport(t.app, citizen);
    await fileReport(t.app, null, { category: 'overhead_wires', description: 'สายไฟห้อยต่ำ' });
    const admin = await createStaff(t.app, t.db, null, 'admin');
    const patched = await client(t.app, admin).patch('/api/v1/admin/categories/trees', { fix_hours: 200 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await client(t.app, citizen).post('/api/v1/auth/logout')).statusCode).toBe(204);
  });

  it('verifies after real mutations', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['action']).execute();
    for (const action of ['user.create', 'session.open', 'session.revoke', 'report.create', 'category.update']) {
      expect(rows.map((r) => r.action), action).toContain(action);
    }
    const result = await verifyAuditChain(t.db);
    expect(result).toEqual({ ok: true, checked: rows.length, firstBadId: null, problem: null });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const id = await lastAuditId();
    const before = await t.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'nothing.happened' where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable('audit_log').set({ after: JSON.stringify({ forged: true }) }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('finds a row altered behind the triggers, and names it', async () => {
    const target = await t.db.selectFrom('audit_log').select(['id', 'after']).where('action', '=', 'category.update').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const original = JSON.stringify(target.after);
    const tamper = (after: string) => asSuperuser(async (c) => {
      await c.query('alter table audit_log disable trigger user');
      try {
        await c.query('update audit_log set after = $1::jsonb where id = $2', [after, target.id]);
      } finally {
        await c.query('alter table audit_log enable trigger user');
      }
    });
    await tamper(JSON.stringify({ ...(target.after as object), fix_hours: 2 }));
    const broken = await verifyAuditChain(t.db);
    expect(broken.ok).toBe(false);
    expect(broken.firstBadId).toBe(target.id);
    expect(broken.problem).toMatch(/altered/);
    expect(broken.checked).toBe(Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('id', '<', target.id).executeTakeFirstOrThrow()).n));
    // The triggers are back on, and undoing the edit heals the chain.
    await expect(t.db.deleteFrom('audit_log').where('id', '=', target.id).execute()).rejects.toThrow(/append-only/);
    await tamper(original);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('finds a removed row', async () => {
    const ids = (await t.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);
    const victim = ids[1]!;
    const next = ids[2]!;
    await asSuperuser(async (c) => {
      await c.query('alter table audit_log disable trigger user');
      try {
        await c.query('delete from audit_log where id = $1', [victim]);
      } finally {
        await c.query('alter table audit_log enable trigger user');
      }
    });
    const broken = await verifyAuditChain(t.db);
    expect(broken).toMatchObject({ ok: false, firstBadId: next, checked: 1 });
    expect(broken.problem).toMatch(/removed/);
  });
});
