import type { ProposalState } from './proposals.tables.ts';

/**
 * A proposal's life: draft → submitted → under review (an evaluator of the district is
 * assigned) ⇄ revision requested → accepted, or not accepted (always with a reason),
 * merged into another proposal, or withdrawn by its authors. Pure data: the service
 * refuses (409) anything this table does not list, before it stores anything.
 */
export const PROPOSAL_STATES = [
  'draft', 'submitted', 'under_review', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'withdrawn',
] as const satisfies readonly ProposalState[];

export const PROPOSAL_ACTIONS = {
  edit: 'edit',
  attach: 'attach',
  submit: 'submit',
  assign: 'assign',
  requestRevision: 'request_revision',
  accept: 'accept',
  notAccept: 'not_accept',
  merge: 'merge',
  withdraw: 'withdraw',
} as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[keyof typeof PROPOSAL_ACTIONS];

/** Where each action may start, and where it leaves the proposal (null: the state stays). */
export const TRANSITIONS: Record<ProposalAction, { from: readonly ProposalState[]; to: ProposalState | null }> = {
  edit: { from: ['draft', 'revision_requested'], to: null },
  attach: { from: ['draft', 'revision_requested'], to: null },
  submit: { from: ['draft', 'revision_requested'], to: 'submitted' },
  // Re-assigning while under review hands the proposal to another evaluator.
  assign: { from: ['submitted', 'under_review'], to: 'under_review' },
  request_revision: { from: ['under_review'], to: 'revision_requested' },
  accept: { from: ['under_review'], to: 'accepted' },
  not_accept: { from: ['submitted', 'under_review'], to: 'not_accepted' },
  merge: { from: ['submitted', 'under_review', 'revision_requested'], to: 'merged' },
  withdraw: { from: ['draft', 'submitted', 'under_review', 'revision_requested'], to: 'withdrawn' },
};

/** Finished proposals: nothing more happens to them. */
export const FINAL_STATES: readonly ProposalState[] = ['accepted', 'not_accepted', 'merged', 'withdrawn'];

/** A proposal still carrying its needs (withdrawn, refused and merged ones hand them back or on). */
export const LIVE_STATES: readonly ProposalState[] = ['draft', 'submitted', 'under_review', 'revision_requested', 'accepted'];

/** A proposal another may be merged into. */
export const MERGE_TARGET_STATES: readonly ProposalState[] = ['submitted', 'under_review', 'revision_requested', 'accepted'];

export function canTransition(action: ProposalAction, state: ProposalState): boolean {
  return TRANSITIONS[action]?.from.includes(state) ?? false;
}

/** The state an action leaves a proposal in (the same state for actions that do not move it). */
export function nextState(action: ProposalAction, state: ProposalState): ProposalState {
  return TRANSITIONS[action].to ?? state;
}

export const STATE_LABELS: Record<ProposalState, { th: string; en: string }> = {
  draft: { th: 'ร่าง', en: 'Draft' },
  submitted: { th: 'ส่งแล้ว', en: 'Submitted' },
  under_review: { th: 'อยู่ระหว่างพิจารณา', en: 'Under review' },
  revision_requested: { th: 'ขอให้แก้ไข', en: 'Revision requested' },
  accepted: { th: 'ผ่านการพิจารณา', en: 'Accepted' },
  not_accepted: { th: 'ไม่ผ่านการพิจารณา', en: 'Not accepted' },
  merged: { th: 'รวมกับโครงการอื่น', en: 'Merged into another' },
  withdrawn: { th: 'ถอนโครงการแล้ว', en: 'Withdrawn' },
};

const ACTION_LABELS: Record<ProposalAction, { th: string; en: string }> = {
  edit: { th: 'แก้ไขโครงการ', en: 'edit the proposal' },
  attach: { th: 'แนบไฟล์', en: 'attach files' },
  submit: { th: 'ส่งโครงการ', en: 'submit the proposal' },
  assign: { th: 'มอบหมายผู้ประเมิน', en: 'assign an evaluator' },
  request_revision: { th: 'ขอให้แก้ไข', en: 'request a revision' },
  accept: { th: 'รับโครงการ', en: 'accept the proposal' },
  not_accept: { th: 'ไม่รับโครงการ', en: 'decline the proposal' },
  merge: { th: 'รวมกับโครงการอื่น', en: 'merge the proposal' },
  withdraw: { th: 'ถอนโครงการ', en: 'withdraw the proposal' },
};

/** "Cannot X while the proposal is Y", in both languages, for the 409 answer. */
export function outOfOrderText(action: ProposalAction, state: ProposalState): { th: string; en: string } {
  const a = ACTION_LABELS[action];
  const s = STATE_LABELS[state];
  const allowed = TRANSITIONS[action].from.map((f) => STATE_LABELS[f]);
  return {
    th: `ไม่สามารถ${a.th}ได้ เพราะโครงการอยู่ในสถานะ "${s.th}" (ทำได้เมื่อสถานะเป็น ${allowed.map((x) => `"${x.th}"`).join(' หรือ ')} เท่านั้น)`,
    en: `You cannot ${a.en} while it is "${s.en}"; this is possible only when it is ${allowed.map((x) => `"${x.en}"`).join(' or ')}`,
  };
}
