import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, PLACES, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { issueOpen311ClientFromCli } from './open311.cli.ts';

let t: TestContext;
let admin: Session;
let agencyAdmin: Session;
let officer: Session;
let citizen: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createStaff(t.app, t.db, null, 'admin');
  agencyAdmin = await createStaff(t.app, t.db, 'district-1004', 'agency_admin');
  officer = await createStaff(t.app, t.db, 'district-1004');
  citizen = await signUpCitizen(t.app);
});
afterAll(async () => {
  await t.close();
});

const as = (s: Session | null) => client(t.app, s);
const CLIENTS = '/api/v1/admin/open311/clients';

/** A GeoReport POST with the given key: the proof a key works or does not. */
const postWith = (apiKey: string) =>
  t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ api_key: apiKey, service_code: 'lighting', lat: String(PLACES.bangRak.lat), long: String(PLACES.bangRak.lng), description: 'ไฟถนนดับทั้งซอย' }).toString(),
  });

describe('who may manage Open311 clients', () => {
  it('answers 401 to nobody and 403 to every role but the system administrator', async () => {
    expect((await as(null).get(CLIENTS)).statusCode).toBe(401);
    expect((await as(null).post(CLIENTS, { name: 'x' })).statusCode).toBe(401);
    expect((await as(null).delete(`${CLIENTS}/ABCDEFGHJK`)).statusCode).toBe(401);
    for (const who of [citizen, officer, agencyAdmin]) {
      expect((await as(who).get(CLIENTS)).statusCode).toBe(403);
      expect((await as(who).post(CLIENTS, { name: 'Not allowed' })).statusCode).toBe(403);
      expect((await as(who).delete(`${CLIENTS}/ABCDEFGHJK`)).statusCode).toBe(403);
    }
    const rows = await t.db.selectFrom('open311_clients').select('id').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('issuing and revoking keys', () => {
  it('issues a key shown once, stores only its hash, lists the client and audits it', async () => {
    const res = await as(admin).post(CLIENTS, { name: '  Traffy   bridge ' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: 'Traffy bridge' });
    expect(created.api_key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(created.api_key.startsWith(created.key_prefix)).toBe(true);

    const stored = await t.db.selectFrom('open311_clients').selectAll().where('public_id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.api_key);

    const list = await as(admin).get(CLIENTS);
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((c: { id: string }) => c.id === created.id);
    expect(item).toMatchObject({ name: 'Traffy bridge', key_prefix: created.key_prefix, revoked_at: null, last_used_at: null, requests: 0 });
    expect(item.created_by).toEqual(expect.any(String));
    expect(list.body).not.toContain(created.api_key);

    const audit = await auditRows(t.db, created.id);
    expect(audit.map((a) => a.action)).toEqual(['open311_client.create']);
    expect(audit[0]!.actor_label).toBe(`user:${admin.publicId}`);
    expect(JSON.stringify(audit[0])).not.toContain(created.api_key);

    expect((await postWith(created.api_key)).statusCode).toBe(201);
    const used = (await as(admin).get(CLIENTS)).json().items.find((c: { id: string }) => c.id === created.id);
    expect(used.requests).toBe(1);
    expect(used.last_used_at).not.toBeNull();
  });

  it('refuses an empty, over-long or unknown-field body, and a second active client of the same name', async () => {
    const before = (await t.db.selectFrom('open311_clients').select('id').execute()).length;
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, {}, { name: 'ok', extra: 1 }]) {
      const res = await as(admin).post(CLIENTS, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await as(admin).post(CLIENTS, { name: 'Civic app' })).statusCode).toBe(201);
    const dup = await as(admin).post(CLIENTS, { name: 'civic APP' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('client_exists');
    expect((await t.db.selectFrom('open311_clients').select('id').execute()).length).toBe(before + 1);
  });

  it('revokes a key at once, audits it once, and frees its name', async () => {
    const { id, api_key: key } = (await as(admin).post(CLIENTS, { name: 'Short-lived' })).json();
    const res = await as(admin).delete(`${CLIENTS}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, name: 'Short-lived' });
    expect(res.json().revoked_at).not.toBeNull();

    const refused = await postWith(key);
    expect(refused.statusCode).toBe(403);

    // Revoking again changes nothing and records nothing more.
    expect((await as(admin).delete(`${CLIENTS}/${id}`)).statusCode).toBe(200);
    expect((await auditRows(t.db, id)).map((a) => a.action)).toEqual(['open311_client.create', 'open311_client.revoke']);

    expect((await as(admin).post(CLIENTS, { name: 'Short-lived' })).statusCode).toBe(201);
  });

  it('answers 404 for an unknown client and 400 for a malformed id', async () => {
    expect((await as(admin).delete(`${CLIENTS}/ABCDEFGHJK`)).statusCode).toBe(404);
    expect((await as(admin).delete(`${CLIENTS}/not-an-id`)).statusCode).toBe(400);
  });
});

describe('npm run open311:client -- NAME', () => {
  it('prints a working key, shown once, and audits the issue as the system', async () => {
    const lines: string[] = [];
    const code = await issueOpen311ClientFromCli(t.db, 'Research group', (l) => lines.push(l));
    expect(code).toBe(0);
    const key = /api_key: (o311_\S+)/.exec(lines.join('\n'))?.[1];
    expect(key).toBeDefined();
    expect((await postWith(key!)).statusCode).toBe(201);

    const row = await t.db.selectFrom('open311_clients').selectAll().where('name', '=', 'Research group').executeTakeFirstOrThrow();
    expect(row.created_by).toBeNull();
    const audit = await auditRows(t.db, row.public_id);
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([['open311_client.create', 'system:open311-client']]);
  });

  it('says what was wrong, and exits non-zero, for a duplicate or empty name', async () => {
    const lines: string[] = [];
    expect(await issueOpen311ClientFromCli(t.db, 'Research group', (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/already exists/);
    expect(await issueOpen311ClientFromCli(t.db, '   ', (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/1–100 characters/);
  });
});
