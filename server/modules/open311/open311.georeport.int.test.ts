import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, fileReport, PLACES, type Session } from '../../../test/helpers/factories.ts';
import { pngImage } from '../../../test/helpers/images.ts';

/**
 * A GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2),
 * knowing nothing of Demopolis: resources end in .json or .xml, POST is form-encoded with
 * an api_key, errors are [{code, description}] or <errors><error>…</error></errors>.
 */
type Format = 'json' | 'xml';
interface Answer {
  status: number;
  contentType: string;
  raw: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const REPEATED = new Set(['request', 'service', 'error', 'endpoint', 'format', 'attribute']);
const xmlParser = new XMLParser({ isArray: (name) => REPEATED.has(name), parseTagValue: false, trimValues: true });

class GeoReportClient {
  constructor(
    private readonly app: FastifyInstance,
    private readonly base = '/open311/v2',
    private readonly headers: Record<string, string> = {},
  ) {}

  private answer(res: { statusCode: number; headers: Record<string, unknown>; body: string }, format: Format): Answer {
    const contentType = String(res.headers['content-type'] ?? '');
    const data = format === 'json' ? JSON.parse(res.body) : xmlParser.parse(res.body);
    return { status: res.statusCode, contentType, raw: res.body, data };
  }

  async get(resource: string, format: Format, query: Record<string, string> = {}) {
    const qs = new URLSearchParams(query).toString();
    const res = await this.app.inject({ method: 'GET', url: `${this.base}/${resource}.${format}${qs ? `?${qs}` : ''}`, headers: this.headers });
    return this.answer(res, format);
  }

  discovery = (format: Format) => this.get('discovery', format);
  services = (format: Format, query?: Record<string, string>) => this.get('services', format, query);
  serviceDefinition = (code: string, format: Format) => this.get(`services/${encodeURIComponent(code)}`, format);
  requests = (format: Format, query?: Record<string, string>) => this.get('requests', format, query);
  request = (id: string, format: Format, query?: Record<string, string>) => this.get(`requests/${encodeURIComponent(id)}`, format, query);
  token = (token: string, format: Format) => this.get(`tokens/${encodeURIComponent(token)}`, format);

  async post(format: Format, fields: Record<string, string>, remoteAddress?: string) {
    const res = await this.app.inject({
      method: 'POST',
      url: `${this.base}/requests.${format}`,
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    return this.answer(res, format);
  }
}

/** The spec's error shape in either format, as one list. */
function errorsOf(a: Answer, format: Format): Array<{ code: string; description: string }> {
  const items = format === 'json' ? a.data : a.data.errors.error;
  return items.map((e: { code: unknown; description: string }) => ({ code: String(e.code), description: e.description }));
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const TRACKING = /^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/;

let t: TestContext;
let geo: GeoReportClient;
let apiKey: string;
let admin: Session;
let bangRak: Session;

const counts = async () => ({
  reports: Number((await t.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  submissions: Number((await t.db.selectFrom('open311_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  audit: Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

const pothole = (over: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'road',
  lat: String(PLACES.bangRak.lat),
  long: String(PLACES.bangRak.lng),
  description: 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย',
  ...over,
});

async function issueKey(name: string): Promise<string> {
  const res = await client(t.app, admin).post('/api/v1/admin/open311/clients', { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().api_key as string;
}

beforeAll(async () => {
  t = await createTestApp();
  geo = new GeoReportClient(t.app);
  admin = await createStaff(t.app, t.db, null, 'admin');
  bangRak = await createStaff(t.app, t.db, 'district-1004');
  apiKey = await issueKey('Spec test client');
});
afterAll(async () => {
  await t.close();
});

describe('discovery and services', () => {
  it('discovery names the GeoReport v2 endpoint and both formats', async () => {
    const json = await geo.discovery('json');
    expect(json.status).toBe(200);
    expect(json.contentType).toMatch(/^application\/json; charset=utf-8/);
    expect(json.data.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.config.publicUrl}/open311/v2`, type: 'production' });
    expect(json.data.endpoints[0].formats).toEqual(expect.arrayContaining(['application/json', 'text/xml']));
    expect(json.data.changeset).toMatch(W3C);

    const xml = await geo.discovery('xml');
    expect(xml.contentType).toMatch(/^text\/xml; charset=utf-8/);
    expect(xml.raw.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.data.discovery.endpoints.endpoint[0].formats.format).toEqual(expect.arrayContaining(['application/json', 'text/xml']));
    expect(xml.data.discovery.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
  });

  it('lists every category as a realtime service without extra attributes, in JSON and XML', async () => {
    const json = await geo.services('json');
    expect(json.status).toBe(200);
    const categories = (await client(t.app, null).get('/api/v1/categories')).json().items as Array<{ code: string; name_th: string }>;
    expect(json.data.map((s: { service_code: string }) => s.service_code)).toEqual(categories.map((c) => c.code));
    const road = json.data.find((s: { service_code: string }) => s.service_code === 'road');
    expect(road).toMatchObject({ service_name: 'ถนน', metadata: false, type: 'realtime', group: 'สำนักงานเขต' });
    expect(typeof road.keywords).toBe('string');
    expect(json.data.find((s: { service_code: string }) => s.service_code === 'flooding').group).toBe('สำนักการระบายน้ำ');

    const xml = await geo.services('xml');
    expect(xml.status).toBe(200);
    const services = xml.data.services.service as Array<Record<string, string>>;
    expect(services).toHaveLength(json.data.length);
    expect(services.find((s) => s.service_code === 'road')).toMatchObject({ service_name: 'ถนน', metadata: 'false', type: 'realtime' });
  });

  it('names services in English with ?locale=en or Accept-Language: en', async () => {
    const byParam = await geo.services('json', { locale: 'en' });
    expect(byParam.data.find((s: { service_code: string }) => s.service_code === 'road').service_name).toBe('Road');
    const byHeader = await new GeoReportClient(t.app, '/open311/v2', { 'accept-language': 'en-GB,en;q=0.9' }).services('json');
    expect(byHeader.data.find((s: { service_code: string }) => s.service_code === 'road').service_name).toBe('Road');
  });

  it('gives a service definition with no attributes, and 404 for an unknown service', async () => {
    const json = await geo.serviceDefinition('road', 'json');
    expect(json.status).toBe(200);
    expect(json.data).toEqual({ service_code: 'road', attributes: [] });
    const xml = await geo.serviceDefinition('road', 'xml');
    expect(xml.data.service_definition.service_code).toBe('road');

    for (const format of ['json', 'xml'] as const) {
      const missing = await geo.serviceDefinition('no_such_service', format);
      expect(missing.status).toBe(404);
      expect(errorsOf(missing, format)[0]).toMatchObject({ code: '404' });
      expect(errorsOf(missing, format)[0]!.description).toContain('no_such_service');
    }
  });
});

describe('a request from post to close', () => {
  it('posts a form-encoded request, reads it back in JSON and XML, and sees it close when the district office fixes it', async () => {
    const posted = await geo.post('json', pothole({
      account_id: 'acct-42',
      device_id: 'device-7',
      address_string: 'ซอยสีลม 3 หน้าร้านกาแฟ',
      address_id: 'addr-1004-17',
      email: 'reporter@example.org',
      first_name: 'สมหญิง',
      last_name: 'ใจดี',
      phone: '081 234 5678',
      jurisdiction_id: 'bangkok.go.th',
      'attribute[none]': 'ignored',
    }));
    expect(posted.status, posted.raw).toBe(201);
    expect(posted.data).toHaveLength(1);
    const created = posted.data[0];
    expect(created.service_request_id).toMatch(TRACKING);
    expect(created.account_id).toBe('acct-42');
    expect(created.service_notice).toContain('สำนักงานเขตบางรัก');
    const id = created.service_request_id as string;

    // The report went through the one intake: same routing, channel open311, audited as the client.
    const row = await t.db.selectFrom('reports').selectAll().where('code', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', contact_name: 'สมหญิง ใจดี', contact_email: 'reporter@example.org', address: 'ซอยสีลม 3 หน้าร้านกาแฟ' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).execute();
    expect(audit.map((a) => [a.action, a.actor_label, a.channel])).toEqual([['report.create', 'open311:Spec test client', 'open311']]);

    const json = await geo.request(id, 'json');
    expect(json.status).toBe(200);
    expect(json.data).toHaveLength(1);
    const r = json.data[0];
    expect(r).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'road',
      service_name: 'ถนน',
      agency_responsible: 'สำนักงานเขตบางรัก',
      description: 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย',
      address: 'ซอยสีลม 3 หน้าร้านกาแฟ',
      address_id: 'addr-1004-17',
      lat: PLACES.bangRak.lat,
      long: PLACES.bangRak.lng,
      media_url: null,
      zipcode: null,
    });
    expect(r.status_notes).toContain('รับเรื่องแล้ว / Received');
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(r[field]).toMatch(W3C);
    // Personal data never leaves through Open311.
    expect(json.raw).not.toContain('reporter@example.org');
    expect(json.raw).not.toContain('081');

    const xml = await geo.request(id, 'xml');
    expect(xml.status).toBe(200);
    const x = xml.data.service_requests.request[0];
    expect(x).toMatchObject({ service_request_id: id, status: 'open', service_code: 'road', agency_responsible: 'สำนักงานเขตบางรัก', requested_datetime: r.requested_datetime, lat: String(PLACES.bangRak.lat), long: String(PLACES.bangRak.lng) });

    const officer = client(t.app, bangRak);
    expect((await officer.post(`/api/v1/reports/${id}/accept`)).statusCode).toBe(200);
    const accepted = (await geo.request(id, 'json', { extensions: 'true' })).data[0];
    expect(accepted.status).toBe('open');
    expect(accepted.extended_attributes).toMatchObject({ detailed_status: 'in_progress', close_reason: null, district_code: 1004, district_name: 'บางรัก', url: `${t.config.publicUrl}/r/${id}` });

    const fixed = await officer.multipart(`/api/v1/reports/${id}/fix`, { note: 'ปะผิวถนนเรียบร้อยแล้ว' }, [{ field: 'photos', filename: 'after.png', contentType: 'image/png', data: await pngImage() }]);
    expect(fixed.statusCode, fixed.body).toBe(200);
    const closed = (await geo.request(id, 'json', { extensions: 'true', locale: 'en' })).data[0];
    expect(closed.status).toBe('closed');
    expect(closed.status_notes).toBe('แก้ไขแล้ว / Fixed — ปะผิวถนนเรียบร้อยแล้ว');
    expect(closed.extended_attributes).toMatchObject({ detailed_status: 'fixed', district_name: 'Bang Rak' });
    expect(closed.agency_responsible).toBe('Bang Rak District Office');
    expect(closed.media_url).toMatch(new RegExp(`^${t.config.publicUrl}/media/`));
    expect(closed.updated_datetime >= r.updated_datetime).toBe(true);

    const closedXml = (await geo.request(id, 'xml', { extensions: 'true' })).data.service_requests.request[0];
    expect(closedXml.status).toBe('closed');
    expect(closedXml.extended_attributes.detailed_status).toBe('fixed');
  });

  it('shows a report closed without a fix as closed, with the reason in status_notes', async () => {
    const id = (await geo.post('json', pothole())).data[0].service_request_id as string;
    const res = await client(t.app, bangRak).post(`/api/v1/reports/${id}/close`, { reason: 'cannot_fix', note: 'พื้นที่เอกชน' });
    expect(res.statusCode, res.body).toBe(200);
    const r = (await geo.request(id, 'json', { extensions: 'true' })).data[0];
    expect(r.status).toBe('closed');
    expect(r.status_notes).toBe('ปิดเรื่องโดยไม่ได้แก้ไข: ไม่สามารถแก้ไขได้ / Closed without a fix: it cannot be fixed — พื้นที่เอกชน');
    expect(r.extended_attributes).toMatchObject({ detailed_status: 'closed', close_reason: 'cannot_fix' });
  });

  it('answers a POST to requests.xml in XML, keeps a given media_url, and resolves the token', async () => {
    const posted = await geo.post('xml', pothole({ service_code: 'lighting', media_url: 'https://example.org/photos/1.jpg' }));
    expect(posted.status, posted.raw).toBe(201);
    expect(posted.contentType).toMatch(/^text\/xml/);
    const created = posted.data.service_requests.request[0];
    expect(created.service_request_id).toMatch(TRACKING);
    expect(created.token).toMatch(/^[2-9A-HJ-NP-Z]{16}$/);

    const r = (await geo.request(created.service_request_id, 'json')).data[0];
    expect(r.media_url).toBe('https://example.org/photos/1.jpg');

    for (const format of ['json', 'xml'] as const) {
      const tok = await geo.token(created.token, format);
      expect(tok.status).toBe(200);
      const item = format === 'json' ? tok.data[0] : tok.data.service_requests.request[0];
      expect(item).toEqual({ service_request_id: created.service_request_id, token: created.token });
    }
  });

  it('takes a description of exactly 4,000 characters', async () => {
    const posted = await geo.post('json', pothole({ description: 'ก'.repeat(4000) }));
    expect(posted.status, posted.raw).toBe(201);
    expect((await geo.request(posted.data[0].service_request_id, 'json')).data[0].description).toHaveLength(4000);
  });

  it('answers 404 in the spec shape for an unknown request, token or resource', async () => {
    for (const format of ['json', 'xml'] as const) {
      for (const answer of [await geo.request('BKK-26-ZZZZZZ', format), await geo.request('nonsense', format), await geo.token('ABCDEFGHJKLMNPQR', format), await geo.get('nothing-here', format)]) {
        expect(answer.status).toBe(404);
        expect(errorsOf(answer, format)[0]!.code).toBe('404');
      }
    }
    const noFormat = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/BKK-26-ZZZZZZ' });
    expect(noFormat.statusCode).toBe(404);
    expect(noFormat.json()[0].code).toBe(404);
  });
});

describe('GET requests filters and paging', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.drain = (await geo.post('json', pothole({ service_code: 'drain', description: 'ท่อระบายน้ำอุดตัน' }))).data[0].service_request_id;
    ids.tree = (await geo.post('json', pothole({ service_code: 'trees', description: 'กิ่งไม้หักขวางทางเท้า' }))).data[0].service_request_id;
    // A report from the website appears too: Open311 reads every public report.
    ids.web = (await fileReport(t.app, null, { category: 'drain', description: 'ท่อระบายน้ำส่งกลิ่นเหม็น' })).report.code;
    ids.old = (await geo.post('json', pothole({ service_code: 'drain', description: 'ท่อแตกเมื่อหลายเดือนก่อน' }))).data[0].service_request_id;
    await t.db.updateTable('reports').set({ created_at: new Date(Date.UTC(2025, 0, 15, 3, 0, 0)) }).where('code', '=', ids.old!).execute();
    const res = await client(t.app, bangRak).post(`/api/v1/reports/${ids.tree}/close`, { reason: 'invalid', note: 'ไม่ใช่ปัญหาที่รับแจ้ง' });
    expect(res.statusCode, res.body).toBe(200);
  });
  const idsOf = (a: Answer) => (a.data as Array<{ service_request_id: string }>).map((r) => r.service_request_id);

  it('defaults to the last 90 days, newest first', async () => {
    const all = idsOf(await geo.requests('json'));
    expect(all).toEqual(expect.arrayContaining([ids.drain, ids.tree, ids.web]));
    expect(all).not.toContain(ids.old);
    expect(all.indexOf(ids.web!)).toBeLessThan(all.indexOf(ids.drain!));
  });

  it('filters by service_code (comma list) and status', async () => {
    const drains = idsOf(await geo.requests('json', { service_code: 'drain' }));
    expect(drains).toEqual(expect.arrayContaining([ids.drain, ids.web]));
    expect(drains).not.toContain(ids.tree);
    const both = idsOf(await geo.requests('json', { service_code: 'drain,trees' }));
    expect(both).toEqual(expect.arrayContaining([ids.drain, ids.web, ids.tree]));
    const closed = await geo.requests('json', { status: 'closed' });
    expect(idsOf(closed)).toContain(ids.tree);
    expect(closed.data.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const open = await geo.requests('json', { status: 'open', service_code: 'drain,trees' });
    expect(idsOf(open).sort()).toEqual([ids.drain, ids.web].sort());
    expect(idsOf(await geo.requests('json', { status: 'open,closed', service_code: 'trees' }))).toEqual([ids.tree]);
  });

  it('filters by start_date and end_date in W3C format', async () => {
    const jan = await geo.requests('json', { start_date: '2025-01-01T00:00:00+07:00', end_date: '2025-01-31T23:59:59+07:00' });
    expect(jan.status, jan.raw).toBe(200);
    expect(idsOf(jan)).toEqual([ids.old]);
    expect(idsOf(await geo.requests('json', { start_date: '2025-01-15' }))).toEqual([ids.old]);
    expect(idsOf(await geo.requests('json', { end_date: '2025-01-15T10:00:00Z' }))).toEqual([ids.old]);
    expect(idsOf(await geo.requests('json', { end_date: '2025-01-15T09:59:59+07:00' }))).toEqual([]);
    const xml = await geo.requests('xml', { start_date: '2025-01-01', end_date: '2025-01-31' });
    expect(xml.data.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([ids.old]);
    const none = await geo.requests('xml', { start_date: '2024-01-01', end_date: '2024-01-31' });
    expect(none.status).toBe(200);
    expect(none.data.service_requests).toBe('');
  });

  it('fetches given service_request_ids, ignoring the other filters as the spec says', async () => {
    const picked = idsOf(await geo.requests('json', { service_request_id: `${ids.old},${ids.tree}`, service_code: 'lighting', status: 'open' }));
    expect(picked.sort()).toEqual([ids.old, ids.tree].sort());
  });

  it('pages with page and page_size', async () => {
    const all = idsOf(await geo.requests('json', { service_code: 'drain,trees,road,lighting' }));
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = idsOf(await geo.requests('json', { service_code: 'drain,trees,road,lighting', page_size: '2' }));
    const second = idsOf(await geo.requests('json', { service_code: 'drain,trees,road,lighting', page_size: '2', page: '2' }));
    expect(first).toEqual(all.slice(0, 2));
    expect(second).toEqual(all.slice(2, 4));
  });

  it('refuses bad filters with 400 in the spec shape', async () => {
    const bad: Array<Record<string, string>> = [
      { start_date: 'yesterday' },
      { start_date: '2025-01-01T00:00:00' }, // no time zone
      { start_date: '2025-02-30' },
      { end_date: '2025-13-01T00:00:00Z' },
      { start_date: '2025-03-01', end_date: '2025-02-01' },
      { start_date: '2025-01-01', end_date: '2025-06-01' }, // more than 90 days
      { status: 'pending' },
      { service_code: 'no_such_service' },
      { page: '0' },
      { page_size: '1001' },
      { page_size: 'ten' },
    ];
    for (const query of bad) {
      for (const format of ['json', 'xml'] as const) {
        const res = await geo.requests(format, query);
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(errorsOf(res, format)[0]!.code).toBe('400');
      }
    }
  });
});

describe('bad POSTs get a clear error and store nothing', () => {
  const cases: Array<[string, () => Record<string, string>, number, RegExp]> = [
    ['no api_key', () => { const f = pothole(); delete (f as Record<string, string>).api_key; return f; }, 403, /api_key is required/],
    ['an unknown api_key', () => pothole({ api_key: 'o311_not-a-real-key' }), 403, /unknown or has been revoked/],
    ['an unknown service_code', () => pothole({ service_code: 'potholes' }), 400, /Unknown service_code "potholes"/],
    ['no service_code', () => pothole({ service_code: '' }), 400, /service_code is required/],
    ['no location at all', () => pothole({ lat: '', long: '' }), 400, /location is required/],
    ['only an address_string', () => pothole({ lat: '', long: '', address_string: 'ถนนสีลม' }), 400, /cannot locate an address_string alone/],
    ['only lat', () => pothole({ long: '' }), 400, /lat and long must both/],
    ['a non-numeric lat', () => pothole({ lat: 'north' }), 400, /lat and long must both/],
    ['a description over 4,000 characters', () => pothole({ description: 'ก'.repeat(4001) }), 400, /at most 4000 characters/],
    ['no description', () => pothole({ description: '' }), 400, /Describe the problem/],
    ['a point outside Bangkok', () => pothole({ lat: String(PLACES.outside.lat), long: String(PLACES.outside.lng) }), 400, /outside Bangkok/],
    ['an unknown parameter', () => pothole({ colour: 'red' }), 400, /Unknown parameter "colour"/],
    ['a media_url that is not http', () => pothole({ media_url: 'javascript:alert(1)' }), 400, /media_url must be an http/],
    ['a bad e-mail', () => pothole({ email: 'not-an-email' }), 400, /e-mail is not valid/],
  ];

  for (const [what, fields, status, message] of cases) {
    it(`refuses ${what} with ${status}`, async () => {
      const before = await counts();
      for (const format of ['json', 'xml'] as const) {
        const res = await geo.post(format, fields());
        expect(res.status, res.raw).toBe(status);
        const [error] = errorsOf(res, format);
        expect(error!.code).toBe(String(status));
        expect(error!.description).toMatch(message);
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a revoked key with 403', async () => {
    const key = await issueKey('Soon revoked');
    const id = (await client(t.app, admin).get('/api/v1/admin/open311/clients')).json().items.find((c: { name: string }) => c.name === 'Soon revoked').id;
    expect((await client(t.app, admin).delete(`/api/v1/admin/open311/clients/${id}`)).statusCode).toBe(200);
    const before = await counts();
    const res = await geo.post('json', pothole({ api_key: key }));
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses a body that is not form-encoded', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].description).toMatch(/x-www-form-urlencoded/);
  });

  it('rate-limits POSTs per address, answering 429 in the spec shape', async () => {
    let last: Answer | null = null;
    for (let i = 0; i < 61; i++) last = await geo.post('json', { api_key: 'o311_wrong' }, '10.31.1.1');
    expect(last!.status).toBe(429);
    expect(last!.data[0].code).toBe(429);
    // Another address keeps its own allowance.
    expect((await geo.post('json', { api_key: 'o311_wrong' }, '10.31.1.2')).status).toBe(403);
  });
});
