import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';

/**
 * Reports with what every card and page names: category, agency, district, and the first
 * "before" photo as the thumbnail (one lookup per report). Pages and cards pick columns.
 */
export function reportsWithNames(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('districts as d', 'd.code', 'r.district_code')
    .leftJoinLateral(
      (eb) => eb
        .selectFrom('report_photos as p')
        .select(['p.thumb_key as thumb_key', 'p.external_url as thumb_external_url'])
        .whereRef('p.report_id', '=', 'r.id')
        .where('p.kind', '=', 'before')
        .orderBy('p.id')
        .limit(1)
        .as('th'),
      (join) => join.onTrue(),
    );
}

/** Columns every presented report needs, with its category, agency and district names. */
export function reportBase(db: Executor) {
  return reportsWithNames(db)
    .leftJoin('users as asg', 'asg.id', 'r.assignee_id')
    .select([
      'r.id', 'r.code', 'r.description', 'r.lat', 'r.lng', 'r.address', 'r.state', 'r.close_reason', 'r.duplicate_of_id',
      'r.agency_id', 'r.assignee_id', 'r.routing_reason_th', 'r.routing_reason_en', 'r.reporter_id', 'r.reporter_token_hash',
      'r.contact_name', 'r.contact_phone', 'r.contact_email', 'r.channel', 'r.is_demo', 'r.support_count', 'r.reopen_count',
      'r.rating', 'r.rating_comment', 'r.created_at', 'r.updated_at', 'r.first_response_at', 'r.fixed_at', 'r.closed_at',
      'r.due_first_response_at', 'r.due_fix_at', 'r.category_id', 'r.district_code',
      'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en', 'c.after_photo_required',
      'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
      'd.name_th as district_name_th', 'd.name_en as district_name_en',
      'asg.public_id as assignee_public_id', 'asg.display_name as assignee_name',
      'th.thumb_key', 'th.thumb_external_url',
    ]);
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportBase>['executeTakeFirstOrThrow']>>;

export interface ReportFilters {
  district?: number;
  category?: string;
  states?: ReportState[];
  from?: Date;
  to?: Date;
  tsquery?: string | null;
  agencyIds?: string[];
  overdue?: boolean;
  assigneeId?: string | null;
  includeCoownedBy?: string;
}

/** Public lists count matches up to this many (see count). */
export const PUBLIC_COUNT_LIMIT = 1000;
