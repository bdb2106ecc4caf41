import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
import { client, signUpCitizen, PLACES } from '../helpers/factories.ts';
import { pngImage } from '../helpers/images.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const body = { category: 'road', description: 'ถนนเป็นหลุมหน้าปากซอย (ลองส่งซ้ำ)', ...PLACES.bangRak };
const countReports = async () => Number((await t.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('Idempotency-Key on POST', () => {
  it('a retried request gets the first answer and creates nothing new', async () => {
    const before = await countReports();
    const first = await client(t.app, null).post('/api/v1/reports', body, { 'idempotency-key': 'mobile-retry-0001' });
    expect(first.statusCode).toBe(201);
    const again = await client(t.app, null).post('/api/v1/reports', body, { 'idempotency-key': 'mobile-retry-0001' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().report.code).toBe(first.json().report.code);
    expect(again.json().reporter_token).toBe(first.json().reporter_token);
    expect(await countReports()).toBe(before + 1);
  });

  it('the same key with a different body is refused, and nothing is stored', async () => {
    await client(t.app, null).post('/api/v1/reports', body, { 'idempotency-key': 'mobile-retry-0002' });
    const before = await countReports();
    const other = await client(t.app, null).post('/api/v1/reports', { ...body, description: 'เรื่องอื่น' }, { 'idempotency-key': 'mobile-retry-0002' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect(other.json().detail_th).toMatch(/คีย์/);
    expect(await countReports()).toBe(before);
  });

  it('keys belong to the caller: the same key from another account is a new request', async () => {
    const a = await signUpCitizen(t.app);
    const b = await signUpCitizen(t.app);
    const fromA = await client(t.app, a).post('/api/v1/reports', body, { 'idempotency-key': 'shared-key' });
    const fromB = await client(t.app, b).post('/api/v1/reports', body, { 'idempotency-key': 'shared-key' });
    expect(fromA.statusCode).toBe(201);
    expect(fromB.statusCode).toBe(201);
    expect(fromB.json().report.code).not.toBe(fromA.json().report.code);
  });

  it('replays an error answer too, and works for multipart uploads', async () => {
    const bad = await client(t.app, null).post('/api/v1/reports', { ...body, lat: 13.9, lng: 100.2 }, { 'idempotency-key': 'bad-once-0000000001' });
    expect(bad.statusCode).toBe(422);
    const badAgain = await client(t.app, null).post('/api/v1/reports', { ...body, lat: 13.9, lng: 100.2 }, { 'idempotency-key': 'bad-once-0000000001' });
    expect(badAgain.statusCode).toBe(422);
    expect(badAgain.headers['idempotent-replayed']).toBe('true');

    const png = await pngImage();
    const before = await countReports();
    const file = [{ field: 'photos', filename: 'a.png', contentType: 'image/png', data: png }];
    const up1 = await client(t.app, null).multipart('/api/v1/reports', body, file, { 'idempotency-key': 'upload-1-000000000001' });
    const up2 = await client(t.app, null).multipart('/api/v1/reports', body, file, { 'idempotency-key': 'upload-1-000000000001' });
    expect(up1.statusCode).toBe(201);
    expect(up2.json().report.code).toBe(up1.json().report.code);
    expect(await countReports()).toBe(before + 1);
  });

  it('a different upload of the same length under the same key is refused, not replayed', async () => {
    const png = await pngImage();
    const other = Buffer.from(png);
    other[other.length - 20] ^= 0xff; // same length, different bytes
    const key = 'upload-2-000000000001';
    const first = await client(t.app, null).multipart('/api/v1/reports', body, [{ field: 'photos', filename: 'a.png', contentType: 'image/png', data: png }], { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const second = await client(t.app, null).multipart('/api/v1/reports', body, [{ field: 'photos', filename: 'a.png', contentType: 'image/png', data: other }], { 'idempotency-key': key });
    expect(second.statusCode).toBe(422);
    expect(second.body).not.toContain(first.json().reporter_token);
  });

  it('anonymous callers must use unguessable keys', async () => {
    const before = await countReports();
    const r = await client(t.app, null).post('/api/v1/reports', body, { 'idempotency-key': 'retry-1' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_idempotency_key');
    expect(await countReports()).toBe(before);
  });

  it('sign-in answers are never stored or replayed', async () => {
    const email = `idem.${Date.now()}@example.org`;
    const signup = await client(t.app, null).post('/api/v1/auth/signup', { email, password: 'correct horse battery', display_name: 'x' }, { 'idempotency-key': 'signup-key-0000000001' });
    expect(signup.statusCode).toBe(201);
    const stored = await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'signup-key-0000000001').execute();
    expect(stored).toHaveLength(0);
  });

  it('an unsigned webhook with a key stores nothing', async () => {
    await t.app.inject({ method: 'POST', url: '/channels/line/webhook', headers: { 'content-type': 'application/json', 'idempotency-key': 'webhook-key-00000001' }, payload: '{"events":[]}' });
    const stored = await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'webhook-key-00000001').execute();
    expect(stored).toHaveLength(0);
  });

  it('refuses a malformed key', async () => {
    const before = await countReports();
    const r = await client(t.app, null).post('/api/v1/reports', body, { 'idempotency-key': 'x'.repeat(300) });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_idempotency_key');
    expect(await countReports()).toBe(before);
  });

  it('without the header nothing changes: two posts make two reports', async () => {
    const before = await countReports();
    await client(t.app, null).post('/api/v1/reports', body);
    await client(t.app, null).post('/api/v1/reports', body);
    expect(await countReports()).toBe(before + 2);
  });
});
