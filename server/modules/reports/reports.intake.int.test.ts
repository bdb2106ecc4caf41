import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, fileReport, PLACES, signUpCitizen } from '../../../test/helpers/factories.ts';
import { hugePngHeader, jpegWithExif, pngImage } from '../../../test/helpers/images.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const countReports = async () => Number((await t.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const mediaFiles = () => {
  const root = path.join(t.config.dataDir, 'media');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.jpg')).length : 0;
};
const valid = { category: 'road', description: 'ถนนยุบเป็นหลุมใหญ่หน้าตลาด', ...PLACES.bangRak };

/** Sends a bad report and checks the refusal is clear, bilingual, and that nothing was stored. */
async function expectRefused(send: () => Promise<{ statusCode: number; json: () => unknown }>, status: number, code?: string) {
  const reportsBefore = await countReports();
  const mediaBefore = mediaFiles();
  const response = await send();
  expect(response.statusCode).toBe(status);
  const problem = response.json() as { detail_th: string; detail_en: string; code: string; status: number };
  expect(problem.status).toBe(status);
  expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
  expect(problem.detail_en).toMatch(/[a-z]/i);
  if (code) expect(problem.code).toBe(code);
  expect(await countReports()).toBe(reportsBefore);
  expect(mediaFiles()).toBe(mediaBefore);
  return problem;
}

describe('filing a report', () => {
  it('routes an anonymous report to the district office of the pin and records why', async () => {
    const { report, reporter_token } = await fileReport(t.app, null);
    expect(report.code).toMatch(/^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    expect(report.state).toBe('received');
    expect(report.agency.code).toBe('district-1004');
    expect(reporter_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const row = await t.db.selectFrom('reports').selectAll().where('code', '=', report.code).executeTakeFirstOrThrow();
    expect(row.routing_reason_en).toBe('Bang Rak District Office: the pin is in Bang Rak');
    expect(row.routing_reason_th).toContain('บางรัก');
    expect(row.reporter_token_hash).not.toBe(reporter_token);
    const audit = await auditRows(t.db, report.code);
    expect(audit.map((a) => a.action)).toEqual(['report.create']);
    expect(audit[0]!.actor_label).toBe('anonymous');
  });

  it('routes by category rule to a named agency (overhead cables → MEA)', async () => {
    const { report } = await fileReport(t.app, null, { category: 'overhead_wires', description: 'สายไฟห้อยต่ำเกือบถึงพื้น อันตรายมาก' });
    expect(report.agency.code).toBe('mea');
  });

  it('keeps contact details out of the public view', async () => {
    const { report } = await fileReport(t.app, null, { contact_name: 'สมหญิง', contact_phone: '081-234-5678', contact_email: 'somying@example.org' });
    const pub = await client(t.app, null).get(`/api/v1/reports/${report.code}`);
    expect(pub.body).not.toContain('somying');
    expect(pub.body).not.toContain('5678');
    expect(pub.json().staff).toBeUndefined();
    const row = await t.db.selectFrom('reports').select(['contact_phone', 'contact_email']).where('code', '=', report.code).executeTakeFirstOrThrow();
    expect(row.contact_phone).toBe('+66812345678');
  });

  it('stores photos re-encoded, upright, without metadata, with thumbnails', async () => {
    const photo = await jpegWithExif(640, 480);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await client(t.app, null).multipart('/api/v1/reports', valid, [{ field: 'photos', filename: 'IMG_0001.JPG', contentType: 'image/jpeg', data: photo }]);
    expect(response.statusCode, response.body).toBe(201);
    const { report } = response.json();
    expect(report.photos).toHaveLength(1);
    const full = await t.app.inject({ method: 'GET', url: report.photos[0].url });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(full.rawPayload.includes(Buffer.from('Somchai Secret'))).toBe(false);
    // Orientation 6 means "rotate 90°": the stored image is upright, so portrait.
    expect([meta.width, meta.height]).toEqual([480, 640]);
    const thumb = await sharp((await t.app.inject({ method: 'GET', url: report.photos[0].thumb_url })).rawPayload).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(400);
  });

  it('accepts up to four photos', async () => {
    const png = await pngImage();
    const files = Array.from({ length: 4 }, (_, i) => ({ field: 'photos', filename: `p${i}.png`, contentType: 'image/png', data: png }));
    const response = await client(t.app, null).multipart('/api/v1/reports', valid, files);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().report.photos).toHaveLength(4);
  });

  it('stores HTML and script as plain text', async () => {
    const text = '<script>alert("x")</script><b>ท่อแตก</b>';
    const { report } = await fileReport(t.app, null, { description: text });
    const row = await t.db.selectFrom('reports').select('description').where('code', '=', report.code).executeTakeFirstOrThrow();
    expect(row.description).toBe(text);
    const pub = await client(t.app, null).get(`/api/v1/reports/${report.code}`);
    expect(pub.headers['content-type']).toContain('application/json');
    expect(pub.json().description).toBe(text);
  });
});

describe('bad input is refused with a clear message and nothing stored', () => {
  const anon = () => client(t.app, null);

  it('a point outside Bangkok', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, ...PLACES.outside }), 422, 'outside_bangkok'));
  it('a missing description', () => expectRefused(() => anon().post('/api/v1/reports', { category: 'road', ...PLACES.bangRak }), 400, 'validation_failed'));
  it('a blank description', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, description: '   ' }), 400, 'description_required'));
  it('a 10,000-character description', async () => {
    const problem = await expectRefused(() => anon().post('/api/v1/reports', { ...valid, description: 'ก'.repeat(10_000) }), 400, 'validation_failed');
    expect(JSON.stringify(problem)).toContain('description');
  });
  it('a 10,000-character description in a multipart form', () => expectRefused(() => anon().multipart('/api/v1/reports', { ...valid, description: 'ก'.repeat(10_000) }), 400));
  it('an unknown category', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, category: 'ufo' }), 400, 'unknown_category'));
  it('unknown fields', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, is_demo: true }), 400, 'validation_failed'));
  it('latitude out of range', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, lat: 123 }), 400));
  it('a file that is not an image', () =>
    expectRefused(() => anon().multipart('/api/v1/reports', valid, [{ field: 'photos', filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hello') }]), 422, 'not_an_image'));
  it('a file that claims to be an image', () =>
    expectRefused(() => anon().multipart('/api/v1/reports', valid, [{ field: 'photos', filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('%PDF-1.4 not really a jpeg') }]), 422, 'not_an_image'));
  it('a 20,000×20,000 image', () =>
    expectRefused(() => anon().multipart('/api/v1/reports', valid, [{ field: 'photos', filename: 'huge.png', contentType: 'image/png', data: hugePngHeader() }]), 422, 'image_too_many_pixels'));
  it('more than four photos', async () => {
    const png = await pngImage();
    const files = Array.from({ length: 5 }, (_, i) => ({ field: 'photos', filename: `p${i}.png`, contentType: 'image/png', data: png }));
    await expectRefused(() => anon().multipart('/api/v1/reports', valid, files), 400, 'too_many_photos');
  });
  it('a body over the limit', () => expectRefused(() => anon().post('/api/v1/reports', { ...valid, description: 'x'.repeat(300 * 1024) }), 413, 'payload_too_large'));
  it('malformed JSON', () => expectRefused(() => t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { 'content-type': 'application/json' }, payload: '{"category": ' }) as never, 400, 'invalid_json'));
  it('answers in English when asked', async () => {
    const response = await anon().post('/api/v1/reports', { ...valid, ...PLACES.outside }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(response.json().detail).toMatch(/outside Bangkok/);
    const thai = await anon().post('/api/v1/reports', { ...valid, ...PLACES.outside });
    expect(thai.json().detail).toMatch(/นอกกรุงเทพ/);
  });
});

describe('already reported?', () => {
  it('lists open reports of the same category within 250 m, and support counts once per person', async () => {
    const { report } = await fileReport(t.app, null, { category: 'lighting', description: 'ไฟถนนดับทั้งซอย', lat: 13.7300, lng: 100.5250 });
    await fileReport(t.app, null, { category: 'lighting', description: 'ไฟดับไกลออกไป', lat: 13.7400, lng: 100.5250 });
    const near = await client(t.app, null).get('/api/v1/reports/nearby?lat=13.7301&lng=100.5251&category=lighting');
    expect(near.statusCode).toBe(200);
    const codes = near.json().items.map((i: { code: string }) => i.code);
    expect(codes).toContain(report.code);
    expect(near.json().items.every((i: { distance_m: number }) => i.distance_m <= 250)).toBe(true);
    expect(near.json().items).toHaveLength(1);

    const citizen = await signUpCitizen(t.app);
    const first = await client(t.app, citizen).post(`/api/v1/reports/${report.code}/support`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().support_count).toBe(1);
    expect(first.json().following).toBe(true);
    const again = await client(t.app, citizen).post(`/api/v1/reports/${report.code}/support`);
    expect(again.json().support_count).toBe(1);
    expect((await auditRows(t.db, report.code)).filter((a) => a.action === 'report.support')).toHaveLength(2);
  });
});

describe('category suggester', () => {
  it('ranks categories best first from Thai text', async () => {
    const response = await client(t.app, null).get(`/api/v1/categories/suggest?text=${encodeURIComponent('ไฟฟ้าส่องสว่างดับ ซอยมืดมาก')}`);
    expect(response.statusCode).toBe(200);
    const items = response.json();
    expect(items[0].code).toBe('lighting');
    expect(items[0]).toEqual(expect.objectContaining({ name_th: 'แสงสว่าง', name_en: expect.any(String), score: expect.any(Number) }));
    for (let i = 1; i < items.length; i++) expect(items[i - 1].score).toBeGreaterThanOrEqual(items[i].score);
  });
});
