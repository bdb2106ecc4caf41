import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { isStaff } from '../../platform/auth/auth.types.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { onPrimary, readingFromReplica } from '../../platform/db/read-routing.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import { fail } from '../../platform/http/problem.ts';
import { toSearchQuery } from '../../platform/text/thai-tokenizer.ts';
import { normaliseTrackingCode } from './reports.codes.ts';
import { abilitiesFor, rolesOf, type Viewer } from './reports.policy.ts';
import { presentDetail } from './reports.presenter.ts';
import { readPublicReport, type PublicReport } from './reports.public-read.ts';
import { reportsRepository as repo, type ReportFilters, type ReportRow, type ReportSort } from './reports.repository.ts';
import type { WorkflowService } from './reports.workflow.service.ts';

export interface ListQuery {
  district?: number;
  category?: string;
  state?: ReportState;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  page_size?: number;
}

export interface QueueQuery extends ListQuery {
  overdue?: boolean;
  assigned?: 'me' | 'unassigned';
  sort?: 'age_desc' | 'age_asc' | 'support_desc' | 'due_asc';
}

function parseDate(raw: string | undefined, field: string, endOfDay = false): Date | undefined {
  if (!raw) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00+07:00` : raw);
  if (Number.isNaN(d.getTime())) {
    throw fail.badRequest('invalid_date', `วันที่ใน ${field} ไม่ถูกต้อง`, `${field} is not a valid date`, [{ field, text: { th: 'วันที่ไม่ถูกต้อง', en: 'is not a valid date' } }]);
  }
  // A bare "to" date includes that whole Bangkok day.
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(d.getTime() + 24 * 3600 * 1000) : d;
}

export function filtersFrom(q: ListQuery): ReportFilters {
  return {
    district: q.district,
    category: q.category,
    states: q.state ? [q.state] : undefined,
    from: parseDate(q.from, 'from'),
    to: parseDate(q.to, 'to', true),
    tsquery: q.q ? toSearchQuery(q.q) : undefined,
  };
}

const ANONYMOUS: Viewer = { user: null, reporterTokenValid: false };

/** The view present() gives a visitor with no session and no reporter key, from the public columns only. */
export function presentAnonymous(found: PublicReport) {
  const relations = { coownerAgencyIds: found.coowners.filter((c) => c.status !== 'declined').map((c) => c.agency_id), following: false };
  // The policy reads the state, the owner, the reporter and the fix date: all among the public columns.
  const abilities = abilitiesFor(found.row as ReportRow, ANONYMOUS, relations);
  return presentDetail(found.row, { photos: found.photos, coowners: found.coowners, events: found.events, abilities, following: false, staffView: false });
}

/** When the page's "overdue" flag turns true by the clock alone (Infinity: never, short of a change). */
export function overdueFrom(r: Pick<ReportRow, 'state' | 'due_fix_at' | 'due_first_response_at'>, now = Date.now()): number {
  if (r.state !== 'received' && r.state !== 'in_progress') return Infinity;
  const moments = [new Date(r.due_fix_at).getTime()];
  if (r.state === 'received') moments.push(new Date(r.due_first_response_at).getTime());
  const upcoming = moments.filter((t) => t > now);
  // Already overdue: nothing more turns by the clock.
  return upcoming.length < moments.length ? Infinity : Math.min(...upcoming);
}

export function createQueryService(deps: { db: Db; workflow: WorkflowService }) {
  const { db, workflow } = deps;

  async function detail(rawCode: string, user: AuthUser | null, reporterToken: string | null) {
    const code = normaliseTrackingCode(rawCode);
    const row = code ? await repo.findByCode(db, code) : undefined;
    if (row) return present(db, row, user, reporterToken);
    // A replica a moment behind may lack a report filed just now (its link shared at
    // once): the primary has the last word before a 404.
    if (code && readingFromReplica()) {
      const fresh = await onPrimary(async () => {
        const again = await repo.findByCode(db, code);
        return again ? present(db, again, user, reporterToken) : undefined;
      });
      if (fresh) return fresh;
    }
    throw fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
  }

  async function present(on: Executor, row: ReportRow, user: AuthUser | null, reporterToken: string | null) {
    const [coowners, photos, following] = await Promise.all([
      repo.listCoowners(on, row.id),
      repo.listPhotos(on, row.id),
      user ? repo.isFollowing(on, row.id, user.id).then(Boolean) : Promise.resolve(false),
    ]);
    const relations = { coownerAgencyIds: coowners.filter((c) => c.status !== 'declined').map((c) => c.agency_id), following };
    const viewer = workflow.viewerOf({ user, reporterToken, actor: { userId: null, label: 'anonymous', channel: 'web' } }, row);
    const roles = rolesOf(row, viewer, relations);
    const staffView = roles.has('owner_staff') || roles.has('coowner_staff');
    const events = await repo.listEvents(on, row.id, staffView);
    return presentDetail(row, {
      photos,
      coowners,
      events: events as never,
      abilities: abilitiesFor(row, viewer, relations),
      following,
      staffView,
    });
  }

  /**
   * The report as an anonymous visitor sees it (no session, no reporter key), from one
   * statement (reports.public-read.ts), and until when that view holds whatever happens:
   * the page shows "overdue", which turns true by the clock alone.
   */
  async function anonymousView(rawCode: string) {
    const code = normaliseTrackingCode(rawCode);
    let found = code ? await readPublicReport(db, code) : undefined;
    // As in detail(): a replica a moment behind may lack a report filed just now.
    if (!found && code && readingFromReplica()) found = await onPrimary(() => readPublicReport(db, code));
    if (!found) throw fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
    return { view: presentAnonymous(found), freshUntil: overdueFrom(found.row) };
  }

  async function list(q: ListQuery) {
    const filters = filtersFrom(q);
    const pageSize = q.page_size ?? 20;
    const page = q.page ?? 1;
    if (filters.tsquery === null) return { rows: [], total: 0, page, pageSize };
    const { rows, total } = await repo.publicPage(db, filters, pageSize, (page - 1) * pageSize);
    return { rows, total, page, pageSize };
  }

  /** An agency's work: what it owns or co-owns. System administrators see every agency. */
  async function queue(user: AuthUser, q: QueueQuery) {
    if (!isStaff(user)) throw fail.forbidden();
    const filters: ReportFilters = { ...filtersFrom(q), overdue: q.overdue || undefined };
    if (!q.state) filters.states = ['received', 'in_progress'];
    if (user.role !== 'admin') {
      if (!user.agencyId) throw fail.forbidden();
      filters.agencyIds = [user.agencyId];
    }
    if (q.assigned === 'me') filters.assigneeId = user.id;
    if (q.assigned === 'unassigned') filters.assigneeId = null;
    const sort: ReportSort = { age_desc: 'oldest', age_asc: 'newest', support_desc: 'support', due_asc: 'due' }[q.sort ?? 'age_desc'] as ReportSort;
    const pageSize = q.page_size ?? 25;
    const page = q.page ?? 1;
    if (filters.tsquery === null) return { rows: [], total: 0, page, pageSize };
    const [rows, total] = await Promise.all([repo.list(db, filters, sort, pageSize, (page - 1) * pageSize), repo.count(db, filters)]);
    return { rows, total, page, pageSize };
  }

  const mine = (user: AuthUser) => repo.listMine(db, user.id, 100);

  /**
   * What live updates push: the report as an anonymous visitor sees it (the presenter's
   * public view: no contact, no reporter, no internal notes), read from the primary so a
   * frame is never older than the change it announces, in one snapshot so its state and
   * its timeline agree (separate reads can straddle a commit: an "accepted" entry on a
   * report still shown as received).
   */
  async function publicView(rawCode: string) {
    const code = normaliseTrackingCode(rawCode);
    // One statement is one snapshot; on the primary, whatever the request's routing.
    const found = code ? await onPrimary(() => readPublicReport(db, code)) : undefined;
    if (!found) throw fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
    return presentAnonymous(found);
  }

  return { detail, anonymousView, list, queue, mine, publicView };
}

export type QueryService = ReturnType<typeof createQueryService>;
