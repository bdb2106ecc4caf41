/**
 * All SQL of the call centre, and nothing but SQL. The call centre writes nothing of
 * its own here (reports are filed through the reports service); it reads which
 * reports belong to a phone number. The reports module offers no such lookup, and
 * this is the one place that needs it, so the read lives here — read-only, through
 * the indexes migration 0009 adds.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';

/**
 * Ids of the reports tied to a number: given as the contact phone, followed by SMS,
 * or filed from an account registered with that phone. One index-backed branch each,
 * so a city-sized reports table is never scanned.
 */
function reportIdsFor(db: Executor, phone: string) {
  return db
    .selectFrom('reports')
    .select('id')
    .where('contact_phone', '=', phone)
    .union(db.selectFrom('report_subscriptions').select('report_id as id').where('channel', '=', 'sms').where('address', '=', phone))
    .union(
      db
        .selectFrom('reports as ra')
        .innerJoin('users as u', 'u.id', 'ra.reporter_id')
        .select('ra.id')
        .where('u.phone', '=', phone),
    );
}

export const callCentreRepository = {
  async countFor(db: Executor, phone: string) {
    const row = await db
      .with('ids', () => reportIdsFor(db, phone))
      .selectFrom('reports as r')
      .where('r.id', 'in', (eb) => eb.selectFrom('ids').select('ids.id'))
      .select([
        sql<string>`count(*)`.as('total'),
        sql<string>`count(*) filter (where r.state in ('received', 'in_progress'))`.as('open'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), open: Number(row.open) };
  },

  historyFor(db: Executor, phone: string, limit: number) {
    return db
      .with('ids', () => reportIdsFor(db, phone))
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .leftJoin('districts as d', 'd.code', 'r.district_code')
      .leftJoin('users as u', 'u.id', 'r.reporter_id')
      .where('r.id', 'in', (eb) => eb.selectFrom('ids').select('ids.id'))
      .select([
        'r.code', 'r.address', 'r.channel', 'r.created_at', 'r.updated_at', 'r.fixed_at', 'r.closed_at', 'r.district_code',
        sql<ReportState>`r.state`.as('state'),
        'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en',
        'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
        'd.name_th as district_name_th', 'd.name_en as district_name_en',
        sql<boolean>`coalesce(r.contact_phone = ${phone}, false)`.as('by_contact'),
        sql<boolean>`exists (select 1 from report_subscriptions s where s.report_id = r.id and s.channel = 'sms' and s.address = ${phone})`.as('by_sms'),
        sql<boolean>`coalesce(u.phone = ${phone}, false)`.as('by_account'),
      ])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute();
  },
};

export type CallerReportRow = Awaited<ReturnType<typeof callCentreRepository.historyFor>>[number];
