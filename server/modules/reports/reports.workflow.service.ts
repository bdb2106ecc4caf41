import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { publicId, sha256Hex, safeEqual } from '../../platform/auth/tokens.ts';
import { isStaff, type AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import { fail } from '../../platform/http/problem.ts';
import { processPhoto, type ProcessedImage } from '../../platform/media/image-pipeline.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import { toSearchDocument } from '../../platform/text/thai-tokenizer.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { normaliseTrackingCode } from './reports.codes.ts';
import { authorize, withinReopenWindow, type Viewer } from './reports.policy.ts';
import { reportsRepository as repo, type ReportRow } from './reports.repository.ts';
import { REOPEN_WINDOW_DAYS, TRANSITIONS, type CloseReason, type ReportAction } from './reports.states.ts';
import type { SuggesterHolder } from './reports.suggester.ts';
import { MAX_PHOTOS } from './reports.intake.service.ts';
import { notifyStateChange } from './reports.notifications.ts';

export interface Caller {
  user: AuthUser | null;
  reporterToken: string | null;
  actor: Actor;
}

interface ActionContext {
  trx: Tx;
  report: ReportRow;
  caller: Caller;
  now: Date;
}

const HOUR = 3600 * 1000;

/** State fields compared in the audit record of every action. */
function snapshot(r: ReportRow) {
  return { state: r.state, close_reason: r.close_reason, agency_id: r.agency_id, assignee_id: r.assignee_id, category_id: r.category_id, rating: r.rating, reopen_count: r.reopen_count };
}

export function createWorkflowService(deps: { db: Db; media: MediaStore; organization: OrganizationService; suggester: SuggesterHolder; publicUrl: string }) {
  const { db, media, organization, suggester, publicUrl } = deps;

  function viewerOf(caller: Caller, report: Pick<ReportRow, 'reporter_token_hash'>): Viewer {
    const valid = !!caller.reporterToken && !!report.reporter_token_hash && safeEqual(sha256Hex(caller.reporterToken), report.reporter_token_hash);
    return { user: caller.user, reporterTokenValid: valid };
  }

  /**
   * Runs one action on one report: lock the row, check who and when, apply, then write
   * the timeline event and the audit record — all in one transaction.
   */
  async function act<T>(rawCode: string, action: ReportAction, caller: Caller, apply: (ctx: ActionContext) => Promise<T>): Promise<T> {
    const code = normaliseTrackingCode(rawCode);
    if (!code) throw notFound();
    return db.transaction().execute(async (trx) => {
      const report = await repo.lockByCode(trx, code);
      if (!report) throw notFound();
      const coowners = await repo.listCoowners(trx, report.id);
      const relations = { coownerAgencyIds: coowners.filter((c) => c.status !== 'declined').map((c) => c.agency_id), following: false };
      authorize(action, report, viewerOf(caller, report), relations);
      const result = await apply({ trx, report, caller, now: new Date() });
      const after = await repo.findByCode(trx, code);
      if (after && after.state !== report.state) await notifyStateChange(trx, after, publicUrl);
      await recordAudit(trx, caller.actor, { action: `report.${action}`, entityType: 'report', entityId: code, before: snapshot(report), after: after ? snapshot(after) : null });
      return result;
    });
  }

  /**
   * The first response, as the public figures define it: the first accept, forward,
   * public note, fix or close by staff of the owning agency. Internal steps (assigning,
   * inviting, recategorising) are work, but not an answer to the person.
   */
  const FIRST_RESPONSE_ACTIONS: readonly ReportAction[] = ['accept', 'forward', 'note', 'fix', 'close'];

  async function setState(ctx: ActionContext, action: ReportAction, extra: Parameters<typeof repo.updateReport>[2] = {}) {
    const to = TRANSITIONS[action].to as ReportState | null;
    const answers = FIRST_RESPONSE_ACTIONS.includes(action) && isStaff(ctx.caller.user);
    const firstResponse = ctx.report.first_response_at ?? (answers ? ctx.now : null);
    await repo.updateReport(ctx.trx, ctx.report.id, { ...(to ? { state: to } : {}), first_response_at: firstResponse, ...extra });
  }

  /** Cheap refusal before expensive work (decoding photos): same rules as act(). */
  async function precheck(rawCode: string, action: ReportAction, caller: Caller): Promise<void> {
    const code = normaliseTrackingCode(rawCode);
    const report = code ? await repo.findByCode(db, code) : undefined;
    if (!report) throw notFound();
    const coowners = await repo.listCoowners(db, report.id);
    const relations = { coownerAgencyIds: coowners.filter((c) => c.status !== 'declined').map((c) => c.agency_id), following: false };
    authorize(action, report, viewerOf(caller, report), relations);
  }

  function staffAgency(ctx: ActionContext): string {
    // A system administrator acts for the report's owner when they have no agency.
    return ctx.caller.user?.agencyId ?? ctx.report.agency_id;
  }

  async function event(ctx: ActionContext, kind: string, visibility: 'public' | 'internal', note: string | null, data: Record<string, unknown> = {}, agencyId: string | null = null) {
    return repo.insertEvent(ctx.trx, { report_id: ctx.report.id, kind, visibility, actor_id: ctx.caller.user?.id ?? null, agency_id: agencyId, note, data, created_at: ctx.now });
  }

  return {
    viewerOf,

    accept: (code: string, caller: Caller) =>
      act(code, 'accept', caller, async (ctx) => {
        await setState(ctx, 'accept');
        await event(ctx, 'accepted', 'public', null, {}, staffAgency(ctx));
      }),

    forward: (code: string, caller: Caller, targetCode: string, reason: string) =>
      act(code, 'forward', caller, async (ctx) => {
        const target = await organization.agencyByCode(targetCode, ctx.trx);
        if (target.id === ctx.report.agency_id) {
          throw fail.unprocessable('forward_to_self', 'เรื่องนี้อยู่ที่หน่วยงานนี้อยู่แล้ว', 'The report is already with this agency');
        }
        const earlier = await repo.previousOwners(ctx.trx, ctx.report.id);
        if (earlier.includes(target.id)) {
          throw fail.unprocessable('forward_loop', `เรื่องนี้เคยส่งมาจาก${target.name_th}แล้ว ส่งกลับไม่ได้ เพื่อไม่ให้เรื่องวนไปมา กรุณาเชิญเป็นหน่วยงานร่วมแทน`, `This report already came from ${target.name_en}; it cannot bounce back. Invite them as a co-owner instead`);
        }
        await setState(ctx, 'forward', { agency_id: target.id, assignee_id: null, routing_reason_th: `ส่งต่อจากหน่วยงานเดิม: ${reason}`, routing_reason_en: `Forwarded: ${reason}` });
        await event(ctx, 'forwarded', 'public', reason, { from_agency_id: ctx.report.agency_id, to_agency_id: target.id, to_agency_code: target.code, to_name_th: target.name_th, to_name_en: target.name_en }, ctx.report.agency_id);
      }),

    inviteCoowner: (code: string, caller: Caller, agencyCode: string, note: string | null) =>
      act(code, 'invite_coowner', caller, async (ctx) => {
        const agency = await organization.agencyByCode(agencyCode, ctx.trx);
        if (agency.id === ctx.report.agency_id) {
          throw fail.unprocessable('coowner_is_owner', 'หน่วยงานนี้เป็นผู้รับผิดชอบหลักอยู่แล้ว', 'This agency already owns the report');
        }
        const inserted = await repo.insertCoowner(ctx.trx, ctx.report.id, agency.id);
        if (!inserted || Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          throw fail.conflict('already_coowner', 'หน่วยงานนี้ได้รับเชิญแล้ว', 'This agency has already been invited');
        }
        await setState(ctx, 'invite_coowner');
        await event(ctx, 'coowner_invited', 'public', note, { agency_code: agency.code, name_th: agency.name_th, name_en: agency.name_en }, staffAgency(ctx));
      }),

    coownerStatus: (code: string, caller: Caller, status: 'in_progress' | 'done' | 'declined', note: string | null) =>
      act(code, 'coowner_status', caller, async (ctx) => {
        const agencyId = ctx.caller.user!.agencyId!;
        await repo.updateCoownerStatus(ctx.trx, ctx.report.id, agencyId, status);
        await setState(ctx, 'coowner_status');
        await event(ctx, 'coowner_status', 'public', note, { status }, agencyId);
      }),

    note: (code: string, caller: Caller, text: string, visibility: 'public' | 'internal') =>
      act(code, 'note', caller, async (ctx) => {
        if (visibility === 'public') await setState(ctx, 'note');
        await event(ctx, 'note', visibility, text, {}, staffAgency(ctx));
      }),

    async fix(code: string, caller: Caller, note: string, photoBuffers: Buffer[]) {
      if (note.trim() === '') {
        throw fail.badRequest('note_required', 'กรุณาเขียนบันทึกสาธารณะว่าแก้ไขอะไรไปแล้ว', 'Write a public note on what was fixed', [{ field: 'note', text: { th: 'จำเป็นต้องกรอก', en: 'is required' } }]);
      }
      if (photoBuffers.length > MAX_PHOTOS) {
        throw fail.badRequest('too_many_photos', `แนบรูปได้ไม่เกิน ${MAX_PHOTOS} รูป`, `At most ${MAX_PHOTOS} photos`, [{ field: 'photos', text: { th: `เกิน ${MAX_PHOTOS} รูป`, en: `more than ${MAX_PHOTOS}` } }]);
      }
      await precheck(code, 'fix', caller);
      const processed: ProcessedImage[] = [];
      for (const b of photoBuffers) processed.push(await processPhoto(b));
      const stored = await Promise.all(processed.map((p) => media.put(p.full, p.thumb)));
      try {
        return await act(code, 'fix', caller, async (ctx) => {
          if (ctx.report.after_photo_required && stored.length === 0) {
            throw fail.unprocessable('after_photo_required', 'ต้องแนบรูปหลังแก้ไขอย่างน้อย 1 รูปสำหรับปัญหาประเภทนี้', 'This category needs at least one after photo to mark it fixed', [{ field: 'photos', text: { th: 'ต้องมีรูปหลังแก้ไข', en: 'an after photo is required' } }]);
          }
          await setState(ctx, 'fix', { fixed_at: ctx.now, closed_at: null });
          const ev = await event(ctx, 'fixed', 'public', note.trim(), { photos: stored.length }, staffAgency(ctx));
          for (const [i, s] of stored.entries()) {
            await repo.insertPhoto(ctx.trx, { public_id: publicId(12), report_id: ctx.report.id, event_id: ev.id, kind: 'after', storage_key: s.key, thumb_key: s.thumbKey, external_url: null, width: processed[i]!.width, height: processed[i]!.height, bytes: processed[i]!.full.length });
          }
        });
      } catch (error) {
        await Promise.all(stored.flatMap((s) => [media.remove(s.key), media.remove(s.thumbKey)]));
        throw error;
      }
    },

    close: (code: string, caller: Caller, reason: CloseReason, note: string, duplicateOf: string | null) =>
      act(code, 'close', caller, async (ctx) => {
        let duplicateOfId: string | null = null;
        if (reason === 'duplicate') {
          const other = duplicateOf ? normaliseTrackingCode(duplicateOf) : null;
          const target = other ? await repo.findByCode(ctx.trx, other) : undefined;
          if (!target || target.id === ctx.report.id) {
            throw fail.unprocessable('duplicate_of_required', 'กรุณาระบุเลขเรื่องที่ซ้ำให้ถูกต้อง', 'Give the tracking number of the report this one duplicates', [{ field: 'duplicate_of', text: { th: 'ไม่พบเรื่องนี้', en: 'no such report' } }]);
          }
          duplicateOfId = target.id;
        }
        await setState(ctx, 'close', { close_reason: reason, closed_at: ctx.now, duplicate_of_id: duplicateOfId });
        await event(ctx, 'closed', 'public', note, { reason, duplicate_of: duplicateOfId ? normaliseTrackingCode(duplicateOf!) : null }, staffAgency(ctx));
      }),

    assign: (code: string, caller: Caller, assigneePublicId: string | null) =>
      act(code, 'assign', caller, async (ctx) => {
        let assigneeId: string | null = null;
        let name: string | null = null;
        if (assigneePublicId) {
          const person = await repo.findUserByPublicId(ctx.trx, assigneePublicId);
          if (!person || person.agency_id !== ctx.report.agency_id || !['officer', 'agency_admin'].includes(person.role)) {
            throw fail.unprocessable('invalid_assignee', 'มอบหมายได้เฉพาะเจ้าหน้าที่ของหน่วยงานที่รับผิดชอบเรื่องนี้', "Only an officer of the report's agency can be assigned", [{ field: 'assignee_id', text: { th: 'ไม่ใช่เจ้าหน้าที่ของหน่วยงานนี้', en: 'is not an officer of this agency' } }]);
          }
          assigneeId = person.id;
          name = person.display_name;
        }
        await setState(ctx, 'assign', { assignee_id: assigneeId });
        await event(ctx, 'assigned', 'internal', null, { assignee: name }, staffAgency(ctx));
      }),

    async recategorize(code: string, caller: Caller, categoryCode: string, reason: string) {
      let moved: { text: string; from: string; to: string } | null = null;
      const result = await act(code, 'recategorize', caller, async (ctx) => {
        const category = await organization.categoryByCode(categoryCode, ctx.trx);
        if (category.id === ctx.report.category_id) return;
        const created = new Date(ctx.report.created_at).getTime();
        await setState(ctx, 'recategorize', {
          category_id: category.id,
          due_first_response_at: new Date(created + category.first_response_hours * HOUR),
          due_fix_at: new Date(created + category.fix_hours * HOUR),
        });
        await repo.updateReport(ctx.trx, ctx.report.id, {}, toSearchDocument(`${ctx.report.description} ${category.name_th} ${category.name_en} ${ctx.report.address ?? ''}`));
        await event(ctx, 'category_changed', 'public', reason, { from: ctx.report.category_code, to: category.code, from_th: ctx.report.category_name_th, to_th: category.name_th, from_en: ctx.report.category_name_en, to_en: category.name_en }, staffAgency(ctx));
        moved = { text: ctx.report.description, from: ctx.report.category_code, to: category.code };
      });
      // Staff corrections are the best teacher the suggester has.
      const m = moved as { text: string; from: string; to: string } | null;
      if (m) suggester.correct(m.text, m.from, m.to);
      return result;
    },

    reopen: (code: string, caller: Caller, reason: string) =>
      act(code, 'reopen', caller, async (ctx) => {
        if (!withinReopenWindow(ctx.report.fixed_at, ctx.now)) {
          throw fail.conflict('reopen_window_passed', `ขอเปิดเรื่องใหม่ได้ภายใน ${REOPEN_WINDOW_DAYS} วันหลังแก้ไขเท่านั้น กรุณาแจ้งเป็นเรื่องใหม่`, `A report can be reopened within ${REOPEN_WINDOW_DAYS} days of its fix; please file a new report`);
        }
        await setState(ctx, 'reopen', { fixed_at: null, rating: null, rating_comment: null, reopen_count: ctx.report.reopen_count + 1 });
        await event(ctx, 'reopened', 'public', reason, { count: ctx.report.reopen_count + 1 });
      }),

    rate: (code: string, caller: Caller, stars: number, comment: string | null) =>
      act(code, 'rate', caller, async (ctx) => {
        await setState(ctx, 'rate', { rating: stars, rating_comment: comment });
        await event(ctx, 'rated', 'public', comment, { stars });
      }),

    withdraw: (code: string, caller: Caller, reason: string | null) =>
      act(code, 'withdraw', caller, async (ctx) => {
        await setState(ctx, 'withdraw', { close_reason: 'withdrawn', closed_at: ctx.now });
        await event(ctx, 'withdrawn', 'public', reason, {});
      }),

    async follow(rawCode: string, caller: Caller, on: boolean) {
      return act(rawCode, 'follow', caller, async (ctx) => {
        if (on) await repo.follow(ctx.trx, ctx.report.id, ctx.caller.user!.id);
        else await repo.unfollow(ctx.trx, ctx.report.id, ctx.caller.user!.id);
      });
    },

    /** Support counts once per person (account, or an anonymous browser's key). */
    async support(rawCode: string, caller: Caller, supporterKey: string | null) {
      return act(rawCode, 'support', caller, async (ctx) => {
        if (!ctx.caller.user && !supporterKey) throw fail.badRequest('supporter_key_required', 'ไม่สามารถระบุผู้สนับสนุนได้', 'Cannot tell who is supporting');
        const first = await repo.addSupport(ctx.trx, ctx.report.id, { userId: ctx.caller.user?.id ?? null, key: supporterKey });
        if (first) await repo.incrementSupport(ctx.trx, ctx.report.id);
        if (ctx.caller.user) await repo.follow(ctx.trx, ctx.report.id, ctx.caller.user.id);
        return { counted: first };
      });
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

function notFound() {
  return fail.notFound('ไม่พบเรื่องที่มีเลขนี้', 'No report with this tracking number');
}
