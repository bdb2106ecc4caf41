/**
 * A community's needs, ranked, with evidence: photos and PDFs, and city reports cited
 * by tracking code. Committee members of the community and the district's staff record
 * them. Everything a person can get wrong is checked before the transaction opens.
 *
 * For other modules: markNeedsInProposal, returnNeedsToOpen and markNeedsResolved
 * (re-exported below from communities.needs.status.ts) are the only way to change a
 * need's status from outside.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { listAttachments, prepareAttachments, saveAttachments } from '../../platform/media/attachments.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { reportsByIds } from '../reports/reports.nearby.ts';
import { checkHouseholdsAffected, checkNeedPoint, checkNotFuture, checkPair } from './communities.checks.ts';
import { resolveCitedReports, withDistance, type CitedReport } from './communities.evidence.ts';
import { needsRepository as repo, type NeedRow, type NeedValues } from './communities.needs.repository.ts';
import { placeInRanking } from './communities.needs.status.ts';
import { authorize, callerFacts, can, type CallerFacts } from './communities.policy.ts';
import { presentNeed, type NeedView } from './communities.presenter.ts';
import { communitiesRepository } from './communities.repository.ts';
import type { CommunityRow } from './communities.repository.ts';
import { landingRank } from './communities.rules.ts';

export { markNeedsInProposal, markNeedsResolved, returnNeedsToOpen } from './communities.needs.status.ts';

/** A need holds evidence, not an archive. */
export const MAX_ATTACHMENTS_PER_NEED = 20;

export interface NeedInput {
  title: string;
  description: string;
  category?: string | null;
  place_text?: string;
  lat?: number | null;
  lng?: number | null;
  households_affected: number;
  since_on?: string | null;
  rank?: number;
  report_codes?: string[];
}
export type NeedPatch = Partial<NeedInput> & { status?: 'open' | 'resolved' | 'withdrawn' };
type NamedFile = { filename: string; data: Buffer };

const sinceWhat = { th: 'วันที่เริ่มมีปัญหา', en: 'The date the problem began' };

/** A need a proposal addresses is the proposal's evidence now: its files are kept as they are. */
function filesLocked() {
  return fail.conflict(
    'need_in_proposal',
    'ปัญหานี้อยู่ในโครงการที่เสนอแล้ว จึงเพิ่มหรือลบไฟล์แนบไม่ได้ หากมีเอกสารเพิ่มเติม ให้แนบที่โครงการ',
    'A proposal addresses this need, so its files cannot be added or removed; attach further documents to the proposal',
  );
}

function needNotFound(id: string) {
  return fail.notFound(`ไม่พบปัญหาและความต้องการรหัส ${id} ในชุมชนนี้`, `No need ${id} in this community`);
}

export function createNeedsService(deps: { db: Db; media: MediaStore; organization: OrganizationService }) {
  const { db, media, organization } = deps;

  const communityRef = (c: CommunityRow) => ({ id: c.id, districtCode: c.district_code, lat: c.lat, lng: c.lng });

  function abilities(caller: CallerFacts, c: CommunityRow, n: Pick<NeedRow, 'status'>) {
    const ref = { id: c.id, districtCode: c.district_code };
    const edit = can(caller, 'edit_need', ref);
    const unlocked = n.status !== 'in_proposal';
    return { edit: edit && unlocked, move: can(caller, 'rank_needs', ref) && n.status === 'open', attach: edit && unlocked };
  }

  /** Every need of a community, presented with its evidence and the caller's abilities. */
  async function viewsFor(executor: Executor, c: CommunityRow, caller: CallerFacts, only?: NeedRow[]): Promise<NeedView[]> {
    const rows = only ?? (await repo.listForCommunity(executor, c.id));
    const ids = rows.map((n) => n.id);
    const [cited, files] = await Promise.all([repo.citedReportIds(executor, ids), listAttachments(executor, 'need', ids)]);
    const reports = await reportsByIds(executor, [...new Set([...cited.values()].flat())]);
    const byId = new Map(reports.map((r) => [r.id, withDistance(r, c)]));
    return rows.map((n) =>
      presentNeed(n, {
        reports: (cited.get(n.id) ?? []).map((id) => byId.get(id)).filter((r): r is CitedReport => !!r),
        attachments: files.get(n.id) ?? [],
        abilities: abilities(caller, c, n),
      }),
    );
  }

  async function load(code: string, needId: string, executor: Executor = db) {
    const community = await communitiesRepository.findByCode(executor, code);
    if (!community) throw fail.notFound(`ไม่พบชุมชนรหัส ${code}`, `No community with code ${code}`);
    const need = await repo.findByPublicId(executor, community.id, needId);
    if (!need) throw needNotFound(needId);
    return { community, need };
  }

  async function list(code: string, user: AuthUser | null) {
    const community = await communitiesRepository.findByCode(db, code);
    if (!community) throw fail.notFound(`ไม่พบชุมชนรหัส ${code}`, `No community with code ${code}`);
    return { items: await viewsFor(db, community, await callerFacts(db, user)) };
  }

  async function view(code: string, needId: string, user: AuthUser | null) {
    const { community, need } = await load(code, needId);
    const [one] = await viewsFor(db, community, await callerFacts(db, user), [need]);
    return one!;
  }

  /** Checks of the fields present; returns the category id when one is named. */
  async function checkFields(c: CommunityRow, input: Partial<NeedInput>): Promise<{ categoryId: string | null | undefined }> {
    checkPair(input.lat, input.lng);
    if (input.lat !== undefined && input.lat !== null && input.lng !== undefined && input.lng !== null) checkNeedPoint(input.lat, input.lng, communityRef(c));
    if (input.since_on) checkNotFuture(input.since_on, 'since_on', sinceWhat);
    if (input.households_affected !== undefined) checkHouseholdsAffected(input.households_affected, c.households);
    if (input.category === undefined) return { categoryId: undefined };
    if (input.category === null || input.category.trim() === '') return { categoryId: null };
    return { categoryId: (await organization.categoryByCode(input.category.trim())).id };
  }

  async function create(user: AuthUser, actor: Actor, code: string, input: NeedInput, files: NamedFile[] = []): Promise<string> {
    const community = await communitiesRepository.findByCode(db, code);
    if (!community) throw fail.notFound(`ไม่พบชุมชนรหัส ${code}`, `No community with code ${code}`);
    authorize(await callerFacts(db, user), 'record_need', { id: community.id, districtCode: community.district_code });
    const { categoryId } = await checkFields(community, input);
    const cited = await resolveCitedReports(db, input.report_codes ?? [], community);
    const prepared = await prepareAttachments(files, 'files');
    const values: NeedValues = {
      title: input.title.trim(),
      description: input.description.trim(),
      category_id: categoryId ?? null,
      place_text: input.place_text?.trim() ?? '',
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      households_affected: input.households_affected,
      since_on: input.since_on || null,
    };
    return db.transaction().execute(async (trx) => {
      await communitiesRepository.lock(trx, community.id);
      const order = await repo.openOrder(trx, community.id);
      const rank = landingRank(order.length, input.rank);
      const id = publicId(12);
      const inserted = await repo.insert(trx, { ...values, public_id: id, community_id: community.id, rank, created_by: user.id });
      await placeInRanking(trx, community.id, inserted.id, rank);
      await repo.addEvidence(trx, inserted.id, cited.map((r) => r.id));
      const attachmentIds = await saveAttachments(trx, media, { type: 'need', id: inserted.id }, prepared, user.id);
      await recordAudit(trx, actor, {
        action: 'need.create',
        entityType: 'need',
        entityId: id,
        after: { community: code, ...values, rank, report_codes: cited.map((r) => r.code), attachments: attachmentIds },
      });
      return id;
    });
  }

  async function update(user: AuthUser, actor: Actor, code: string, needId: string, patch: NeedPatch): Promise<void> {
    const { community, need } = await load(code, needId);
    const caller = await callerFacts(db, user);
    authorize(caller, 'edit_need', { id: community.id, districtCode: community.district_code });
    if (need.status === 'in_proposal') {
      throw fail.conflict('need_in_proposal', 'ปัญหานี้อยู่ในโครงการที่เสนอแล้ว จึงแก้ไขไม่ได้ หากต้องการแก้ไข ให้แก้ที่โครงการ', 'A proposal addresses this need, so it cannot be changed here; change the proposal instead');
    }
    const willBeOpen = (patch.status ?? need.status) === 'open';
    if (patch.rank !== undefined && !willBeOpen) {
      throw fail.conflict('need_not_ranked', 'จัดลำดับได้เฉพาะปัญหาที่ยังเปิดอยู่', 'Only open needs are ranked');
    }
    const { categoryId } = await checkFields(community, patch);
    const cited = patch.report_codes ? await resolveCitedReports(db, patch.report_codes, community) : null;
    const changes: Partial<NeedValues> & { status?: 'open' | 'resolved' | 'withdrawn' } = {};
    if (patch.title !== undefined) changes.title = patch.title.trim();
    if (patch.description !== undefined) changes.description = patch.description.trim();
    if (categoryId !== undefined) changes.category_id = categoryId;
    if (patch.place_text !== undefined) changes.place_text = patch.place_text.trim();
    if (patch.lat !== undefined) Object.assign(changes, { lat: patch.lat, lng: patch.lng ?? null });
    if (patch.households_affected !== undefined) changes.households_affected = patch.households_affected;
    if (patch.since_on !== undefined) changes.since_on = patch.since_on || null;
    if (patch.status !== undefined && patch.status !== need.status) changes.status = patch.status;

    await db.transaction().execute(async (trx) => {
      await communitiesRepository.lock(trx, community.id);
      const fresh = await repo.findByPublicId(trx, community.id, needId);
      if (!fresh || fresh.status === 'in_proposal') throw fail.conflict('need_changed', 'ปัญหานี้เพิ่งถูกเปลี่ยนสถานะ กรุณาโหลดหน้าใหม่', 'This need changed a moment ago; reload and try again');
      if (Object.keys(changes).length > 0) await repo.update(trx, need.id, changes);
      const rankBefore = fresh.status === 'open' ? fresh.rank : null;
      if (changes.status !== undefined || patch.rank !== undefined) {
        await placeInRanking(trx, community.id, need.id, willBeOpen ? patch.rank ?? (fresh.status === 'open' ? fresh.rank : Number.MAX_SAFE_INTEGER) : undefined);
      }
      const rankAfter = willBeOpen ? (await repo.currentRanks(trx, [need.id])).get(need.id) ?? null : null;
      let evidence: { added: string[]; removed: string[] } | undefined;
      if (cited) {
        const current = (await repo.citedReportIds(trx, [need.id])).get(need.id) ?? [];
        const wanted = cited.map((r) => r.id);
        const added = wanted.filter((id) => !current.includes(id));
        const removed = current.filter((id) => !wanted.includes(id));
        await repo.addEvidence(trx, need.id, added);
        await repo.removeEvidence(trx, need.id, removed);
        const codes = await reportsByIds(trx, [...added, ...removed]);
        const codeOf = (id: string) => codes.find((r) => r.id === id)?.code ?? id;
        evidence = { added: added.map(codeOf), removed: removed.map(codeOf) };
      }
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, fresh[k as keyof NeedRow]]));
      await recordAudit(trx, actor, {
        action: 'need.update',
        entityType: 'need',
        entityId: needId,
        before: { ...before, rank: rankBefore },
        after: { ...changes, rank: rankAfter, ...(evidence ? { evidence } : {}) },
      });
    });
  }

  async function addAttachments(user: AuthUser, actor: Actor, code: string, needId: string, files: NamedFile[]): Promise<void> {
    const { community, need } = await load(code, needId);
    authorize(await callerFacts(db, user), 'edit_need', { id: community.id, districtCode: community.district_code });
    if (need.status === 'in_proposal') throw filesLocked();
    if (files.length === 0) {
      throw fail.badRequest('no_files', 'กรุณาเลือกรูปภาพหรือไฟล์ PDF อย่างน้อย 1 ไฟล์', 'Choose at least one photo or PDF', [
        { field: 'files', text: { th: 'ยังไม่ได้เลือกไฟล์', en: 'has no file' } },
      ]);
    }
    const prepared = await prepareAttachments(files, 'files');
    await db.transaction().execute(async (trx) => {
      await communitiesRepository.lock(trx, community.id);
      // A proposal may have taken the need up while the files were being prepared.
      if ((await repo.findByPublicId(trx, community.id, needId))?.status === 'in_proposal') throw filesLocked();
      if ((await repo.attachmentCount(trx, need.id)) + prepared.length > MAX_ATTACHMENTS_PER_NEED) {
        throw fail.unprocessable('too_many_attachments', `แนบไฟล์กับปัญหาหนึ่งรายการได้ไม่เกิน ${MAX_ATTACHMENTS_PER_NEED} ไฟล์`, `A need may hold at most ${MAX_ATTACHMENTS_PER_NEED} files`, [
          { field: 'files', text: { th: 'มีไฟล์มากเกินไป', en: 'would be too many files' } },
        ]);
      }
      const ids = await saveAttachments(trx, media, { type: 'need', id: need.id }, prepared, user.id);
      await recordAudit(trx, actor, {
        action: 'need.attach',
        entityType: 'need',
        entityId: needId,
        after: { attachments: ids.map((id, i) => ({ id, kind: prepared[i]!.kind, file_name: prepared[i]!.fileName })) },
      });
    });
  }

  async function removeAttachment(user: AuthUser, actor: Actor, code: string, needId: string, attachmentId: string): Promise<void> {
    const { community, need } = await load(code, needId);
    authorize(await callerFacts(db, user), 'edit_need', { id: community.id, districtCode: community.district_code });
    const file = await repo.findAttachment(db, need.id, attachmentId);
    if (!file) throw fail.notFound('ไม่พบไฟล์นี้ในปัญหาและความต้องการนี้', 'No such file on this need');
    if (need.status === 'in_proposal') throw filesLocked();
    await db.transaction().execute(async (trx) => {
      // Proposals mark needs in_proposal under the community's lock: take it, then look again.
      await communitiesRepository.lock(trx, community.id);
      if ((await repo.findByPublicId(trx, community.id, needId))?.status === 'in_proposal') throw filesLocked();
      await repo.deleteAttachment(trx, file.id);
      await recordAudit(trx, actor, { action: 'need.detach', entityType: 'need', entityId: needId, before: { attachment: { id: file.public_id, kind: file.kind, file_name: file.file_name } } });
    });
  }

  return { viewsFor, list, view, create, update, addAttachments, removeAttachment };
}

export type NeedsService = ReturnType<typeof createNeedsService>;
