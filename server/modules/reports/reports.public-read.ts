import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { runPrepared } from '../../platform/db/prepared-statements.ts';
import type { DetailParts } from './reports.presenter.ts';
import type { ReportRow } from './reports.repository.ts';

/** The report columns the public page shows (and the policy reads), nothing personal. */
export type PublicReportRow = Pick<ReportRow,
  | 'id' | 'code' | 'description' | 'lat' | 'lng' | 'address' | 'state' | 'close_reason' | 'agency_id' | 'reporter_id'
  | 'channel' | 'is_demo' | 'support_count' | 'reopen_count' | 'rating' | 'rating_comment' | 'created_at'
  | 'first_response_at' | 'fixed_at' | 'closed_at' | 'due_first_response_at' | 'due_fix_at' | 'district_code'
  | 'category_code' | 'category_name_th' | 'category_name_en' | 'agency_code' | 'agency_name_th' | 'agency_name_en'
  | 'district_name_th' | 'district_name_en' | 'thumb_key' | 'thumb_external_url'>;

export interface PublicReport {
  row: PublicReportRow;
  photos: DetailParts['photos'];
  coowners: Array<DetailParts['coowners'][number] & { agency_id: string }>;
  /** Public timeline entries only, oldest first. */
  events: DetailParts['events'];
}

type Raw = Omit<PublicReportRow, 'thumb_key' | 'thumb_external_url'> & {
  photos: PublicReport['photos'];
  coowners: PublicReport['coowners'];
  events: Array<Omit<DetailParts['events'][number], 'created_at'> & { created_at: string }>;
};

/**
 * A report as anyone may see it, in one statement: one round trip instead of four
 * (report, co-owners, photos, timeline), and one snapshot, so its state and its timeline
 * always agree. Photos, co-owners and the public timeline come as JSON arrays in the
 * orders the separate reads used (photos and timeline by id, co-owners as invited).
 * Contact details, the reporter and internal notes are never selected.
 */
const PUBLIC_REPORT_SQL = `select r.id::text as id, r.code, r.description, r.lat, r.lng, r.address, r.state, r.close_reason,
    r.agency_id::text as agency_id, r.reporter_id::text as reporter_id, r.channel, r.is_demo, r.support_count,
    r.reopen_count, r.rating, r.rating_comment, r.created_at, r.first_response_at, r.fixed_at, r.closed_at,
    r.due_first_response_at, r.due_fix_at, r.district_code,
    c.code as category_code, c.name_th as category_name_th, c.name_en as category_name_en,
    a.code as agency_code, a.name_th as agency_name_th, a.name_en as agency_name_en,
    d.name_th as district_name_th, d.name_en as district_name_en,
    coalesce((select json_agg(json_build_object('public_id', p.public_id, 'kind', p.kind, 'storage_key', p.storage_key,
        'thumb_key', p.thumb_key, 'external_url', p.external_url, 'width', p.width, 'height', p.height) order by p.id)
      from report_photos p where p.report_id = r.id), '[]') as photos,
    coalesce((select json_agg(json_build_object('agency_id', co.agency_id::text, 'status', co.status, 'code', ca.code,
        'name_th', ca.name_th, 'name_en', ca.name_en) order by co.invited_at)
      from report_coowners co join agencies ca on ca.id = co.agency_id where co.report_id = r.id), '[]') as coowners,
    coalesce((select json_agg(json_build_object('id', e.id::text, 'kind', e.kind, 'visibility', e.visibility, 'note', e.note,
        'data', e.data, 'created_at', e.created_at, 'agency_code', ea.code, 'agency_name_th', ea.name_th,
        'agency_name_en', ea.name_en) order by e.id)
      from report_events e left join agencies ea on ea.id = e.agency_id
      where e.report_id = r.id and e.visibility = 'public'), '[]') as events
  from reports r
  join categories c on c.id = r.category_id
  join agencies a on a.id = r.agency_id
  left join districts d on d.code = r.district_code
  where r.code = $1`;

export async function readPublicReport(db: Executor, code: string): Promise<PublicReport | undefined> {
  // A named statement: parsed and planned once per connection, not once per read (most
  // of the database's time for this query).
  const rows = await runPrepared(db, sql<Raw>`${sql.raw(PUBLIC_REPORT_SQL.replace(/\$1$/, ''))}${code}`);
  const raw = rows[0];
  if (!raw) return undefined;
  const { photos, coowners, events, ...report } = raw;
  // The card's thumbnail: the first "before" photo, as the list queries pick it.
  const thumb = photos.find((p) => p.kind === 'before');
  return {
    row: { ...report, thumb_key: thumb?.thumb_key ?? null, thumb_external_url: thumb?.external_url ?? null },
    photos,
    coowners,
    events: events.map((e) => ({ ...e, created_at: new Date(e.created_at) })),
  };
}
