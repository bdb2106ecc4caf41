import type { ReportState } from '../../platform/db/schema.ts';

export const REPORT_STATES = {
  received: 'received',
  inProgress: 'in_progress',
  fixed: 'fixed',
  closed: 'closed',
} as const satisfies Record<string, ReportState>;

export const OPEN_STATES: readonly ReportState[] = ['received', 'in_progress'];

export const CLOSE_REASONS = {
  notOurResponsibility: 'not_our_responsibility',
  duplicate: 'duplicate',
  cannotFix: 'cannot_fix',
  withdrawn: 'withdrawn',
  invalid: 'invalid',
} as const;
export type CloseReason = (typeof CLOSE_REASONS)[keyof typeof CLOSE_REASONS];

export const REPORT_ACTIONS = {
  accept: 'accept',
  forward: 'forward',
  inviteCoowner: 'invite_coowner',
  coownerStatus: 'coowner_status',
  note: 'note',
  fix: 'fix',
  close: 'close',
  assign: 'assign',
  recategorize: 'recategorize',
  reopen: 'reopen',
  rate: 'rate',
  withdraw: 'withdraw',
  follow: 'follow',
  support: 'support',
} as const;
export type ReportAction = (typeof REPORT_ACTIONS)[keyof typeof REPORT_ACTIONS];

/**
 * The one lifecycle: received → in progress → fixed, or closed without a fix (always
 * with a reason). Each action lists the states it may start from and where it leaves
 * the report; `null` means the state does not change. Anything not listed is refused.
 */
export const TRANSITIONS: Record<ReportAction, { from: readonly ReportState[]; to: ReportState | null }> = {
  accept: { from: ['received'], to: 'in_progress' },
  forward: { from: ['received', 'in_progress'], to: 'received' },
  invite_coowner: { from: ['received', 'in_progress'], to: null },
  coowner_status: { from: ['received', 'in_progress'], to: null },
  note: { from: ['received', 'in_progress', 'fixed', 'closed'], to: null },
  fix: { from: ['received', 'in_progress'], to: 'fixed' },
  close: { from: ['received', 'in_progress'], to: 'closed' },
  assign: { from: ['received', 'in_progress'], to: null },
  recategorize: { from: ['received', 'in_progress'], to: null },
  reopen: { from: ['fixed'], to: 'in_progress' },
  rate: { from: ['fixed'], to: null },
  withdraw: { from: ['received', 'in_progress'], to: 'closed' },
  follow: { from: ['received', 'in_progress', 'fixed', 'closed'], to: null },
  support: { from: ['received', 'in_progress'], to: null },
};

export function canTransition(action: ReportAction, state: ReportState): boolean {
  return TRANSITIONS[action].from.includes(state);
}

export const REOPEN_WINDOW_DAYS = 30;

export const STATE_LABELS: Record<ReportState, { th: string; en: string }> = {
  received: { th: 'รับเรื่องแล้ว', en: 'Received' },
  in_progress: { th: 'กำลังดำเนินการ', en: 'In progress' },
  fixed: { th: 'แก้ไขแล้ว', en: 'Fixed' },
  closed: { th: 'ปิดเรื่องโดยไม่ได้แก้ไข', en: 'Closed without a fix' },
};
