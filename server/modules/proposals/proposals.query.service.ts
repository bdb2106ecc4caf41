/**
 * Reading proposals: the list (filters, paging, drafts only for those who may see them),
 * one proposal's whole story, the staff who could evaluate it, and what a committee
 * member needs to start writing one.
 */
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { listAttachments, type AttachmentView } from '../../platform/media/attachments.ts';
import { committeeSeatHolders, communityByCode, districtOfficeOf } from '../communities/communities.membership.ts';
import { factsOf } from './proposals.caller.ts';
import { allowedFiscalYears } from './proposals.input.ts';
import { abilitiesOf, isDistrictPlanner, isEvaluator, mayView, type ProposalAbilities, type ProposalCaller } from './proposals.policy.ts';
import { proposalsQueryRepository as q, type ListFilter } from './proposals.query.repository.ts';
import { proposalsRepository as repo } from './proposals.repository.ts';
import { notFound } from './proposals.service.ts';

export interface ProposalStory {
  row: NonNullable<Awaited<ReturnType<typeof repo.findByPublicId>>>;
  place: Awaited<ReturnType<typeof q.place>>;
  needs: Awaited<ReturnType<typeof q.needs>>;
  reports: Awaited<ReturnType<typeof q.reportsCitedBy>>;
  lines: Awaited<ReturnType<typeof repo.budgetLines>>;
  events: Awaited<ReturnType<typeof q.events>>;
  evaluatorName: string | null;
  assignedToMe: boolean;
  carryingAgency: Awaited<ReturnType<typeof q.agency>> | null;
  mergedInto: Awaited<ReturnType<typeof q.proposalRef>> | null;
  mergedFrom: Awaited<ReturnType<typeof q.mergedFrom>>;
  attachments: AttachmentView[];
  abilities: ProposalAbilities;
}

export function createQueryService(deps: { db: Db }) {
  const { db } = deps;

  async function list(caller: ProposalCaller, filter: Omit<ListFilter, 'assignedTo'> & { assigned?: 'me' }) {
    if (filter.assigned === 'me' && !caller.user) throw fail.unauthorized('กรุณาเข้าสู่ระบบเพื่อดูโครงการที่ได้รับมอบหมาย', 'Sign in to see the proposals assigned to you');
    const everything = caller.user?.role === 'admin';
    return q.list(
      db,
      { ...filter, assignedTo: filter.assigned === 'me' ? caller.user!.id : undefined },
      { everything, communityId: caller.seat?.communityId ?? null, districtCode: caller.staffDistrict },
    );
  }

  async function story(publicId: string, caller: ProposalCaller): Promise<ProposalStory> {
    const row = await repo.findByPublicId(db, publicId);
    // A draft is its committee's and its district's business: to anyone else it does not exist.
    if (!row || !mayView(caller, factsOf(row))) throw notFound();
    const needs = await q.needs(db, row.id);
    const [place, reports, lines, events, evaluator, carryingAgency, mergedInto, mergedFrom, attachments] = await Promise.all([
      q.place(db, row.community_id),
      q.reportsCitedBy(db, needs.map((n) => n.id)),
      repo.budgetLines(db, row.id),
      q.events(db, row.id),
      row.evaluator_user_id ? q.userName(db, row.evaluator_user_id) : Promise.resolve(undefined),
      row.carrying_agency_id ? q.agency(db, row.carrying_agency_id) : Promise.resolve(undefined),
      row.merged_into_id ? q.proposalRef(db, row.merged_into_id) : Promise.resolve(undefined),
      q.mergedFrom(db, row.id),
      listAttachments(db, 'proposal', [row.id]),
    ]);
    return {
      row, place, needs, reports, lines, events,
      evaluatorName: evaluator?.display_name ?? null,
      assignedToMe: isEvaluator(caller, factsOf(row)),
      carryingAgency: carryingAgency ?? null,
      mergedInto: mergedInto ?? null,
      mergedFrom,
      attachments: attachments.get(row.id) ?? [],
      abilities: abilitiesOf(caller, factsOf(row)),
    };
  }

  /** Officers and planners of the proposal's district office, for the planner assigning one. */
  async function evaluators(publicId: string, caller: ProposalCaller) {
    if (!caller.user) throw fail.unauthorized();
    const row = await repo.findByPublicId(db, publicId);
    if (!row || !mayView(caller, factsOf(row))) throw notFound();
    if (!isDistrictPlanner(caller, row.district_code)) {
      throw fail.forbidden('เฉพาะนักวิเคราะห์นโยบายและแผนหรือผู้ดูแลของสำนักงานเขตนี้เท่านั้นที่มอบหมายผู้ประเมินได้', "Only planners or administrators of this district office assign evaluators");
    }
    const office = await districtOfficeOf(db, row.district_code);
    if (!office) return [];
    // Members of the proposing community's committee are left out: they may not judge it.
    const staff = await q.evaluators(db, office);
    const conflicted = await committeeSeatHolders(db, row.community_id, staff.map((s) => s.id));
    return staff.filter((s) => !conflicted.has(s.id));
  }

  /** What the proposal form needs: the community, its needs, the fiscal years one may ask for. */
  async function draftingContext(caller: ProposalCaller, communityCode: string | undefined) {
    if (!caller.user) throw fail.unauthorized();
    if (!caller.seat) throw fail.forbidden('เฉพาะกรรมการชุมชนที่อยู่ในวาระเท่านั้นที่เขียนโครงการได้', 'Only a serving member of a community committee may write a proposal');
    const code = communityCode ?? caller.seat.communityCode;
    if (code !== caller.seat.communityCode) {
      throw fail.forbidden('คุณเขียนโครงการได้เฉพาะในนามชุมชนที่คุณเป็นกรรมการ', 'You may write proposals only for the community whose committee you sit on');
    }
    const community = await communityByCode(db, code);
    if (!community) throw fail.notFound('ไม่พบชุมชนนี้', 'No such community');
    const [place, needs] = await Promise.all([q.place(db, community.id), q.draftableNeeds(db, community.id)]);
    return { place, needs, fiscalYears: allowedFiscalYears(new Date()) };
  }

  return { list, story, evaluators, draftingContext };
}

export type QueryService = ReturnType<typeof createQueryService>;
