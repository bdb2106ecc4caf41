import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, fileReport, type Session } from '../../../test/helpers/factories.ts';
import { openSse, type SseClient } from '../../../test/helpers/sse.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { loadConfig } from '../config/config.ts';

/**
 * Live updates in one process: the stream, what a frame may carry, the cap, shutdown.
 * (Across two server processes: test/integration/scale-out.int.test.ts.)
 */
let t: TestContext;
let base: string;
let officer: Session;
const open: SseClient[] = [];

beforeAll(async () => {
  const scale = { ...loadConfig({ DATA_DIR: process.env.TMPDIR ?? '/tmp' }).scale, liveMaxConnections: 3, liveHeartbeatSeconds: 1 };
  t = await createTestApp({ scale });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  officer = await createStaff(t.app, t.db, 'district-1004');
});

afterAll(async () => {
  for (const c of open) c.close();
  await t?.close();
});

async function stream(code: string) {
  const c = await openSse(`${base}/api/v1/reports/${code}/events`);
  open.push(c);
  return c;
}

const frame = (e: { data: string }) => JSON.parse(e.data) as { code: string; last_event_id: string; report: Record<string, unknown> & { state: string; timeline: Array<{ id: string; kind: string; note: string | null }> } };

describe('GET /api/v1/reports/:code/events', () => {
  it('answers 404 in problem details for an unknown report, as the page itself does', async () => {
    const response = await fetch(`${base}/api/v1/reports/BKK-00-XXXXXX/events`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('streams the public state at once, then each public change, with nothing personal in it', async () => {
    const filed = await fileReport(t.app, null, { contact_name: 'นางสาวลับ เฉพาะ', contact_phone: '0812345678', contact_email: 'secret@example.org' });
    const code = filed.report.code;
    const sse = await stream(code);
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('cache-control')).toMatch(/no-cache/);
    const first = frame(await sse.next((e) => e.event === 'report'));
    expect(first.code).toBe(code);
    expect(first.report.state).toBe('received');

    const accepted = await client(t.app, officer).post(`/api/v1/reports/${code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const update = frame(await sse.next((e) => e.event === 'report' && frame(e).report.state === 'in_progress'));
    expect(update.last_event_id).toBe(update.report.timeline.at(-1)!.id);
    expect(update.report.timeline.at(-1)!.kind).toBe('accepted');

    // An internal note is not announced; the next public note is, without the internal text.
    expect((await client(t.app, officer).post(`/api/v1/reports/${code}/notes`, { text: 'ภายใน: ผู้แจ้งเป็นญาติผู้อำนวยการ', visibility: 'internal' })).statusCode).toBe(200);
    expect((await client(t.app, officer).post(`/api/v1/reports/${code}/notes`, { text: 'ทีมงานจะเข้าซ่อมพรุ่งนี้', visibility: 'public' })).statusCode).toBe(200);
    const noted = frame(await sse.next((e) => frame(e).report.timeline.some((x) => x.note === 'ทีมงานจะเข้าซ่อมพรุ่งนี้')));
    expect(noted.report.timeline.map((x) => x.kind)).toContain('note');

    const everything = sse.events.map((e) => e.data).join('\n');
    for (const secret of ['นางสาวลับ', '0812345678', 'secret@example.org', 'ผู้อำนวยการ', 'reporter', 'contact']) expect(everything).not.toContain(secret);
    expect(sse.events.every((e) => e.id === frame(e).last_event_id)).toBe(true);
  });

  it('the trigger announces live changes only: not history, not bulk loads that switch it off', async () => {
    const filed = await fileReport(t.app, null);
    const report = await t.db.selectFrom('reports').select('id').where('code', '=', filed.report.code).executeTakeFirstOrThrow();
    const listener = new pg.Client({ connectionString: t.databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    // Only live-update notices: the channel also carries 0020's cache notices ("report-view").
    listener.on('notification', (n) => {
      if (JSON.parse(n.payload ?? '{}').k === 'report') heard.push(n.payload ?? '');
    });
    await listener.query('listen demopolis_live');
    const insert = (at: string, on: pg.Client | null = null) => (on ?? listener).query(
      `insert into report_events (report_id, kind, visibility, note, data, created_at) values ($1, 'note', 'public', null, '{}', ${at})`, [report.id]);
    try {
      await insert(`now() - interval '2 days'`);
      const loader = new pg.Client({ connectionString: t.databaseUrl });
      await loader.connect();
      await loader.query('begin');
      await loader.query(`set local demopolis.live = 'off'`);
      await insert('now()', loader);
      await loader.query('commit');
      await loader.end();
      await insert('now()');
      const deadline = Date.now() + 5_000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toHaveLength(1);
      expect(JSON.parse(heard[0]!)).toEqual({ k: 'report', key: filed.report.code, id: expect.any(String) });
    } finally {
      await listener.end();
    }
  });

  it('keeps idle streams alive with comments', async () => {
    const filed = await fileReport(t.app, null);
    const sse = await stream(filed.report.code);
    await sse.next((e) => e.event === 'report');
    const deadline = Date.now() + 5_000;
    while (!sse.comments.includes('ping') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(sse.comments).toContain('ping');
  });

  it('refuses streams past the per-instance cap with 503 and Retry-After, and takes them again when one closes', async () => {
    const filed = await fileReport(t.app, null);
    while (t.app.live.connections() < 3) await stream(filed.report.code);
    const refused = await fetch(`${base}/api/v1/reports/${filed.report.code}/events`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const problem = await refused.json();
    expect(problem.detail_th).toBeTruthy();
    expect(problem.detail_en).toBeTruthy();

    open.shift()!.close();
    const deadline = Date.now() + 5_000;
    while (t.app.live.connections() >= 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const again = await stream(filed.report.code);
    expect(again.status).toBe(200);
  });

  it('ends every stream when the server shuts down', async () => {
    const streams = open.filter((c) => c.status === 200);
    expect(streams.length).toBeGreaterThan(0);
    const started = Date.now();
    await t.app.close();
    await Promise.all(streams.map((c) => c.ended));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.app.live.connections()).toBe(0);
  });
});
