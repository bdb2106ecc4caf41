// A member's new account and its link to the seat stand or fall together: a link that
// fails leaves no account whose password nobody received. And a term's years must be
// Gregorian: the date inputs are, even where people count in the Buddhist Era.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  addMember, counts, districtOffice, expectProblem, registerCommunity, staff, unique, untilSomeoneWaits,
} from './communities.test-helpers.ts';

let t: TestContext;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
});
afterAll(async () => { await t.close(); });

const accountUrl = (code: string, memberId: string) => `/api/v1/communities/${code}/committee/${memberId}/account`;
const userWithEmail = (email: string) => t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();

describe("giving a seat an account", () => {
  it('makes no account when the seat ends while the request waits for the community (409)', async () => {
    const code = await registerCommunity(t.app, officer);
    const memberId = await addMember(t.app, officer, code);
    const email = `member.${unique()}@example.org`;
    const before = await counts(t.db);
    let pending: Promise<Awaited<ReturnType<ReturnType<typeof client>['post']>>> | undefined;
    await t.db.transaction().execute(async (trx) => {
      await trx.selectFrom('communities').select('id').where('code', '=', code).forUpdate().execute();
      // `.then` sends the request now; it runs its checks, then queues behind our lock.
      pending = client(t.app, officer).post(accountUrl(code, memberId), { email }).then((r) => r);
      await untilSomeoneWaits(t.db);
      await trx.updateTable('community_committee_members').set({ ended_at: new Date() }).where('id', '=', memberId).execute();
    });
    expectProblem(await pending!, 409, 'seat_not_current');
    expect(await userWithEmail(email)).toBeUndefined();
    expect(await counts(t.db)).toEqual(before);
  });

  it('rolls the new account (and its audit entry) back when the link itself fails', async () => {
    const code = await registerCommunity(t.app, officer);
    const memberId = await addMember(t.app, officer, code);
    const email = `member.${unique()}@example.org`;
    // The database refuses this one link, as it would a unique or foreign-key violation.
    await sql`create function refuse_link() returns trigger language plpgsql as $$ begin raise exception 'link refused'; end $$`.execute(t.db);
    await sql.raw(`create trigger refuse_link before update of user_id on community_committee_members for each row when (new.id = ${Number(memberId)}) execute function refuse_link()`).execute(t.db);
    try {
      const before = await counts(t.db);
      const response = await client(t.app, officer).post(accountUrl(code, memberId), { email });
      expect(response.statusCode).toBe(500);
      expect(await userWithEmail(email)).toBeUndefined();
      expect(await counts(t.db)).toEqual(before);
    } finally {
      await sql`drop trigger refuse_link on community_committee_members`.execute(t.db);
      await sql`drop function refuse_link()`.execute(t.db);
    }
    // Without the obstacle the same request makes and links the account, audited once each.
    const response = await client(t.app, officer).post(accountUrl(code, memberId), { email });
    expect(response.statusCode, response.body).toBe(201);
    const user = await t.db.selectFrom('users').select('public_id').where('email', '=', email).executeTakeFirstOrThrow();
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', 'in', [user.public_id, memberId]).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['community.committee_add', 'user.create', 'community.committee_account']);
  });
});

describe('committee terms in the right calendar', () => {
  it('refuses Buddhist Era years and years far from now (422 in Thai and English), storing nothing', async () => {
    const code = await registerCommunity(t.app, officer);
    const year = new Date().getUTCFullYear();
    const before = await counts(t.db);
    const be = expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee`, {
      full_name: 'สมศรี ทดสอบ', position: 'member', term_start: `${year + 543}-01-01`, term_end: `${year + 545}-12-31`,
    }), 422, 'implausible_year');
    expect(be.detail_th).toContain('ปีต้องเป็นปี ค.ศ.');
    expect(be.detail_th).toContain(`ไม่ใช่ พ.ศ. ${year + 543}`);
    expect(be.errors?.map((e) => e.field)).toEqual(['term_start', 'term_end']);
    const ahead = expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee`, {
      full_name: 'สมศรี ทดสอบ', position: 'member', term_start: `${year + 8}-01-01`, term_end: `${year + 11}-06-30`,
    }), 422, 'implausible_year');
    expect(ahead.errors?.map((e) => e.field)).toEqual(['term_end']);
    const back = expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee`, {
      full_name: 'สมศรี ทดสอบ', position: 'member', term_start: `${year - 11}-01-01`, term_end: `${year - 8}-12-31`,
    }), 422, 'implausible_year');
    expect(back.errors?.map((e) => e.field)).toEqual(['term_start']);
    expect(await counts(t.db)).toEqual(before);
    await addMember(t.app, officer, code, { term_start: `${year - 10}-06-01`, term_end: `${year - 7}-05-31` });
  });
});
