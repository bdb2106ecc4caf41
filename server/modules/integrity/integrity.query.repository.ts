import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { IntegrityStage } from './integrity.tables.ts';

export const PAGE_SIZE = 20;

/** Lists, the public register and the public figures: read-only SQL. */
export const integrityQueries = {
  /** Staff queue. Conflicted cases are filtered in SQL, never after. */
  async staffCases(db: Executor, q: { userId: string; onlyAssigned: boolean; excludeAgencyId: string | null; stage?: IntegrityStage; overdue?: boolean; page: number }) {
    let base = db.selectFrom('integrity_cases as c').innerJoin('agencies as a', 'a.id', 'c.agency_id').where('c.merged_into_id', 'is', null);
    if (q.onlyAssigned) base = base.where((eb) => eb.exists(eb.selectFrom('integrity_assignments as s').select('s.id').whereRef('s.case_id', '=', 'c.id').where('s.user_id', '=', q.userId)));
    if (q.excludeAgencyId) base = base.where('c.agency_id', '<>', q.excludeAgencyId);
    if (q.stage) base = base.where('c.stage', '=', q.stage);
    if (q.overdue === true) base = base.where('c.stage_due_at', '<', sql<Date>`now()`);
    if (q.overdue === false) base = base.where((eb) => eb.or([eb('c.stage_due_at', 'is', null), eb('c.stage_due_at', '>=', sql<Date>`now()`)]));
    const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const items = await base
      .select(['c.id', 'c.case_number', 'c.allegation_kind', 'c.stage', 'c.received_at', 'c.stage_due_at', 'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en'])
      .select((eb) => eb.exists(eb.selectFrom('integrity_assignments as s').select('s.id').whereRef('s.case_id', '=', 'c.id')).as('assigned'))
      .orderBy(sql`c.stage_due_at asc nulls last`).orderBy('c.id', 'desc')
      .limit(PAGE_SIZE).offset((q.page - 1) * PAGE_SIZE)
      .execute();
    return { total, items };
  },

  /**
   * The public register: cases past screening (a complaint nobody has screened yet names
   * an agency on one person's word), merged duplicates left out.
   */
  async register(db: Executor, q: { agencyCode?: string; finding?: string; page: number }) {
    let base = db.selectFrom('integrity_cases as c').innerJoin('agencies as a', 'a.id', 'c.agency_id')
      .where('c.merged_into_id', 'is', null).where('c.stage', 'not in', ['received', 'screening']);
    if (q.agencyCode) base = base.where('a.code', '=', q.agencyCode);
    if (q.finding) base = base.where('c.finding', '=', q.finding as 'substantiated');
    const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select(['c.id', 'c.case_number', 'c.allegation_kind', 'c.stage', 'c.received_at', 'c.finding', 'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en'])
      .orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').limit(PAGE_SIZE).offset((q.page - 1) * PAGE_SIZE).execute();
    const ids = rows.map((r) => r.id);
    const stages = ids.length ? await db.selectFrom('integrity_stage_history').select(['case_id', 'stage', 'entered_at']).where('case_id', 'in', ids).orderBy('id').execute() : [];
    const sanctions = ids.length ? await db.selectFrom('integrity_sanctions').select(['case_id', 'kind', 'public_official_name']).where('case_id', 'in', ids).orderBy('id').execute() : [];
    return { total, rows, stages, sanctions };
  },

  async figures(db: Executor, from: Date, to: Date) {
    const inPeriod = sql`c.received_at >= ${from} and c.received_at < ${to} and c.merged_into_id is null`;
    const totals = await sql<{ received: number; open: number; closed: number; decided: number; substantiated: number; partly: number }>`
      select count(*)::int as received,
        count(*) filter (where c.stage in ('received','screening','investigation','finding','sanction'))::int as open,
        count(*) filter (where c.stage in ('closed','not_accepted','referred'))::int as closed,
        count(*) filter (where c.finding is not null)::int as decided,
        count(*) filter (where c.finding = 'substantiated')::int as substantiated,
        count(*) filter (where c.finding = 'partly_substantiated')::int as partly
      from integrity_cases c where ${inPeriod}`.execute(db);
    const byMonth = await sql<{ month: string; channel: string; received: number }>`
      select to_char(c.received_at at time zone 'Asia/Bangkok', 'YYYY-MM') as month, c.channel, count(*)::int as received
      from integrity_cases c where ${inPeriod} group by 1, 2 order by 1, 2`.execute(db);
    const byStage = await sql<{ stage: string; count: number }>`
      select c.stage, count(*)::int as count from integrity_cases c where ${inPeriod} group by 1`.execute(db);
    const medians = await sql<{ stage: string; days: number | null; cases: number }>`
      select h.stage, percentile_cont(0.5) within group (order by extract(epoch from h.left_at - h.entered_at) / 86400.0) as days, count(*)::int as cases
      from integrity_stage_history h join integrity_cases c on c.id = h.case_id
      where ${inPeriod} and h.left_at is not null group by 1`.execute(db);
    const sanctions = await sql<{ kind: string; count: number }>`
      select s.kind, count(*)::int as count from integrity_sanctions s join integrity_cases c on c.id = s.case_id
      where ${inPeriod} group by 1`.execute(db);
    return { totals: totals.rows[0]!, byMonth: byMonth.rows, byStage: byStage.rows, medians: medians.rows, sanctions: sanctions.rows };
  },

  /** Closed cases whose identity or evidence has outlived the retention policy. */
  purgeCandidates: (db: Executor, identityBefore: Date, evidenceBefore: Date) =>
    db.selectFrom('integrity_cases').select(['id', 'case_number', 'identity_state', 'evidence_purged_at', 'closed_at'])
      .where('stage', '=', 'closed').where('closed_at', 'is not', null)
      .where((eb) => eb.or([
        eb.and([eb('identity_state', '=', 'held'), eb('closed_at', '<', identityBefore)]),
        eb.and([eb('evidence_purged_at', 'is', null), eb('closed_at', '<', evidenceBefore)]),
      ]))
      .orderBy('id').limit(500).execute(),
};
