/**
 * A community's elected committee: seats with positions and terms, ended early when a
 * member leaves, and sign-in accounts for members so they can act for the community.
 * Only the district's staff (or a system administrator) manage it.
 */
import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { createAuthService, normaliseEmail } from '../../platform/auth/auth.service.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { checkTerm } from './communities.checks.ts';
import { authorize, callerFacts } from './communities.policy.ts';
import { presentMember } from './communities.presenter.ts';
import { communitiesRepository as repo, type CommunityRow } from './communities.repository.ts';
import { bangkokToday, seatIsCurrent } from './communities.rules.ts';
import { requireCommunity } from './communities.service.ts';
import type { CommitteePosition } from './communities.tables.ts';

export interface NewMember {
  full_name: string;
  position: CommitteePosition;
  term_start: string;
  term_end: string;
}

function seatNotFound(id: string) {
  return fail.notFound(`ไม่พบตำแหน่งกรรมการรหัส ${id} ในชุมชนนี้`, `No committee seat ${id} in this community`);
}

/** As `npm run admin:create` makes one: 96 random bits, typeable, shown once. */
export function generatePassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}

export function createCommitteeService(deps: { db: Db }) {
  const { db } = deps;
  const auth = createAuthService(db);

  async function managed(user: AuthUser, code: string): Promise<CommunityRow> {
    const community = await requireCommunity(db, code);
    authorize(await callerFacts(db, user), 'manage_committee', { id: community.id, districtCode: community.district_code });
    return community;
  }

  async function list(user: AuthUser, code: string) {
    const community = await managed(user, code);
    const members = await repo.listMembers(db, community.id, true);
    return { items: members.map((m) => presentMember(m, true)) };
  }

  async function add(user: AuthUser, actor: Actor, code: string, input: NewMember) {
    const community = await managed(user, code);
    checkTerm(input.term_start, input.term_end);
    const fullName = input.full_name.trim().replace(/\s+/g, ' ');
    const memberId = await db.transaction().execute(async (trx) => {
      await repo.lock(trx, community.id);
      if (input.position === 'chair') {
        const chair = await repo.currentChair(trx, community.id, bangkokToday());
        if (chair) {
          throw fail.conflict('chair_taken', `ชุมชนนี้มีประธานกรรมการอยู่แล้ว (${chair.full_name}) กรุณาสิ้นสุดตำแหน่งเดิมก่อน`, `This community already has a chair (${chair.full_name}); end that seat first`);
        }
      }
      const { id } = await repo.insertMember(trx, { community_id: community.id, full_name: fullName, position: input.position, term_start: input.term_start, term_end: input.term_end });
      await recordAudit(trx, actor, {
        action: 'community.committee_add',
        entityType: 'committee_member',
        entityId: id,
        after: { community: code, full_name: fullName, position: input.position, term_start: input.term_start, term_end: input.term_end },
      });
      return id;
    });
    return presentMember((await repo.findMember(db, community.id, memberId))!, true);
  }

  async function end(user: AuthUser, actor: Actor, code: string, memberId: string, reason: string | undefined) {
    const community = await managed(user, code);
    const seat = await repo.findMember(db, community.id, memberId);
    if (!seat) throw seatNotFound(memberId);
    if (seat.ended_at) throw fail.conflict('seat_already_ended', 'ตำแหน่งนี้สิ้นสุดไปแล้ว', 'This seat has already ended');
    await db.transaction().execute(async (trx) => {
      const at = new Date();
      const done = await repo.endMember(trx, seat.id, at);
      if (Number(done.numUpdatedRows) === 0) throw fail.conflict('seat_already_ended', 'ตำแหน่งนี้สิ้นสุดไปแล้ว', 'This seat has already ended');
      await recordAudit(trx, actor, {
        action: 'community.committee_end',
        entityType: 'committee_member',
        entityId: seat.id,
        before: { community: code, position: seat.position, had_account: seat.user_id !== null },
        after: { ended_at: at.toISOString(), reason: reason?.trim() || null },
      });
    });
    return presentMember((await repo.findMember(db, community.id, memberId))!, true);
  }

  /**
   * Gives a seat an account: links the citizen account already holding the e-mail, or
   * makes one with a generated password that is returned once. An account holds at most
   * one seat that has not ended (a unique index backs this up).
   */
  async function giveAccount(user: AuthUser, actor: Actor, code: string, memberId: string, rawEmail: string) {
    const community = await managed(user, code);
    const seat = await repo.findMember(db, community.id, memberId);
    if (!seat) throw seatNotFound(memberId);
    if (!seatIsCurrent(seat)) {
      throw fail.conflict('seat_not_current', 'ตำแหน่งนี้สิ้นสุดแล้ว จึงสร้างบัญชีให้ไม่ได้', 'This seat has ended, so it cannot be given an account');
    }
    if (seat.user_id) throw fail.conflict('seat_has_account', 'ตำแหน่งนี้มีบัญชีผู้ใช้อยู่แล้ว', 'This seat already has an account');
    const email = normaliseEmail(rawEmail);
    if (!email) {
      throw fail.badRequest('invalid_email', 'อีเมลไม่ถูกต้อง', 'The e-mail address is not valid', [
        { field: 'email', text: { th: 'อีเมลไม่ถูกต้อง', en: 'is not a valid e-mail address' } },
      ]);
    }

    const existing = await repo.findUserByEmail(db, email);
    if (existing) {
      if (existing.disabled_at) {
        throw fail.unprocessable('account_disabled', 'บัญชีของอีเมลนี้ถูกระงับอยู่ จึงเชื่อมกับตำแหน่งกรรมการไม่ได้', 'The account with this e-mail is disabled and cannot be linked', [
          { field: 'email', text: { th: 'บัญชีถูกระงับ', en: 'belongs to a disabled account' } },
        ]);
      }
      if (existing.role !== 'citizen') {
        throw fail.unprocessable('account_not_citizen', 'อีเมลนี้เป็นบัญชีเจ้าหน้าที่ กรรมการชุมชนต้องใช้บัญชีประชาชนของตนเอง', 'This e-mail belongs to a staff account; committee members use their own citizen account', [
          { field: 'email', text: { th: 'เป็นบัญชีเจ้าหน้าที่', en: 'belongs to a staff account' } },
        ]);
      }
      const held = await repo.seatHeldBy(db, existing.id);
      if (held) throw heldElsewhere(held);
    }
    const password = existing ? null : generatePassword();

    // The account is made in the same transaction as the link: if the link fails, no
    // account is left behind whose password nobody was ever given.
    await db.transaction().execute(async (trx) => {
      await repo.lock(trx, community.id);
      const fresh = await repo.findMember(trx, community.id, memberId);
      if (!fresh || !seatIsCurrent(fresh)) {
        throw fail.conflict('seat_not_current', 'ตำแหน่งนี้เพิ่งสิ้นสุดลง จึงสร้างบัญชีให้ไม่ได้', 'This seat has just ended, so it cannot be given an account');
      }
      if (fresh.user_id) throw fail.conflict('seat_has_account', 'ตำแหน่งนี้มีบัญชีผู้ใช้อยู่แล้ว', 'This seat already has an account');
      let account = existing ? { id: existing.id, public_id: existing.public_id } : null;
      if (!account) {
        const created = await auth.createUser({ email, password: password!, display_name: seat.full_name, role: 'citizen' }, actor, trx);
        account = { id: created.id, public_id: created.publicId };
      } else {
        const held = await repo.seatHeldBy(trx, account.id);
        if (held) throw heldElsewhere(held);
      }
      const linked = await repo.linkAccount(trx, seat.id, account.id).catch((error: { code?: string }) => {
        throw error.code === '23505' ? fail.conflict('account_has_seat', 'บัญชีนี้เป็นกรรมการชุมชนอยู่แล้ว', 'This account already sits on a committee') : error;
      });
      if (Number(linked.numUpdatedRows) === 0) throw fail.conflict('seat_has_account', 'ตำแหน่งนี้มีบัญชีผู้ใช้อยู่แล้ว', 'This seat already has an account');
      await recordAudit(trx, actor, {
        action: 'community.committee_account',
        entityType: 'committee_member',
        entityId: seat.id,
        after: { community: code, user: account.public_id, account_created: password !== null },
      });
    });
    const member = presentMember((await repo.findMember(db, community.id, memberId))!, true);
    return { member, account: { email, created: password !== null, password } };
  }

  return { list, add, end, giveAccount };
}

function heldElsewhere(held: { code: string; name_th: string }) {
  return fail.conflict('account_has_seat', `บัญชีนี้เป็นกรรมการของ${held.name_th} (${held.code}) อยู่แล้ว บัญชีหนึ่งเป็นกรรมการได้ครั้งละหนึ่งชุมชน`, `This account already sits on the committee of ${held.code}; an account holds one seat at a time`);
}

export type CommitteeService = ReturnType<typeof createCommitteeService>;
