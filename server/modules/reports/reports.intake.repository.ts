import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { runPrepared } from '../../platform/db/prepared-statements.ts';
import type { ReportInsert } from './reports.repository.ts';

export interface FiledEvent {
  kind: string;
  visibility: 'public' | 'internal';
  actor_id: string | null;
  agency_id: string | null;
  note: string | null;
  data: Record<string, unknown>;
}

export type FileOutcome =
  /** The routing plan's reference rows changed since they were read: nothing written. */
  | { kind: 'stale' }
  /** The tracking code was taken meanwhile: nothing written, draw another. */
  | { kind: 'code_taken' }
  /** Written: the report's id and its timeline entries' ids, in the order given. */
  | { kind: 'filed'; id: string; code: string; eventIds: string[] };

/** The intake's SQL: filing a report is one statement, so it needs no transaction of its own. */
export const intakeRepository = {
  /**
   * The report, its first timeline entries, its audit entry and (signed in) the filer's
   * follow, in one statement — atomic on its own, or part of the caller's transaction.
   * Written only while `stillCurrent` holds (the reference rows the routing read are
   * unchanged), in the same snapshot as the writes.
   */
  async fileReport(db: Executor, v: ReportInsert, events: readonly FiledEvent[], options: {
    stillCurrent: RawBuilder<boolean>;
    audit: (inserted: RawBuilder<unknown>) => RawBuilder<unknown>;
    followerId: string | null;
  }): Promise<FileOutcome> {
    const eventRows = events.map((e, i) => sql`(${i}::int, ${e.kind}::text, ${e.visibility}::text, ${e.actor_id}::bigint, ${e.agency_id}::bigint, ${e.note}::text, ${JSON.stringify(e.data)}::jsonb)`);
    const follow = options.followerId
      ? sql`, f as (insert into report_followers (report_id, user_id) select r.id, ${options.followerId}::bigint from r on conflict do nothing)`
      : sql``;
    // A named prepared statement (a handful of variants: events, follow, routing checks):
    // planning this many CTEs on every filing cost about as much as running them.
    const rows = await runPrepared(db, sql<{ fresh: boolean; id: string | null; code: string | null; event_ids: string[] | null }>`
      with g as (select ${options.stillCurrent} as fresh),
      r as (
        insert into reports (code, category_id, description, lat, lng, location, district_code, address, state, agency_id,
          routing_reason_th, routing_reason_en, reporter_id, reporter_token_hash, contact_name, contact_phone, contact_email, channel,
          created_at, updated_at, due_first_response_at, due_fix_at, search)
        select ${v.code}::text, ${v.category_id}::bigint, ${v.description}::text, ${v.lat}::float8, ${v.lng}::float8, point(${v.lng}::float8, ${v.lat}::float8),
          ${v.district_code}::int, ${v.address}::text, ${v.state}::text, ${v.agency_id}::bigint,
          ${v.routing_reason_th}::text, ${v.routing_reason_en}::text, ${v.reporter_id}::bigint, ${v.reporter_token_hash}::text,
          ${v.contact_name}::text, ${v.contact_phone}::text, ${v.contact_email}::text, ${v.channel}::text,
          ${v.created_at}::timestamptz, ${v.created_at}::timestamptz, ${v.due_first_response_at}::timestamptz, ${v.due_fix_at}::timestamptz,
          to_tsvector('simple', ${v.search_document}::text)
        from g where g.fresh
        on conflict (code) do nothing
        returning id, code
      ),
      e as (
        insert into report_events (report_id, kind, visibility, actor_id, agency_id, note, data, created_at)
        select r.id, x.kind, x.visibility, x.actor_id, x.agency_id, x.note, x.data, ${v.created_at}::timestamptz
        from r, (values ${sql.join(eventRows)}) as x(i, kind, visibility, actor_id, agency_id, note, data)
        order by x.i
        returning id
      ),
      a as (${options.audit(sql`select 1 from r`)})
      ${follow}
      select g.fresh, r.id, r.code, (select array_agg(e.id::text order by e.id) from e) as event_ids
      from g left join r on true`);
    const row = rows[0]!;
    if (!row.fresh) return { kind: 'stale' };
    if (!row.id || !row.code) return { kind: 'code_taken' };
    return { kind: 'filed', id: row.id, code: row.code, eventIds: row.event_ids ?? [] };
  },
};
