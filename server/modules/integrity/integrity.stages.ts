import type { IntegrityStage } from './integrity.tables.ts';

export const STAGES = ['received', 'screening', 'not_accepted', 'referred', 'investigation', 'finding', 'sanction', 'closed'] as const satisfies readonly IntegrityStage[];

/**
 * Days each stage may take before the case is overdue (the unit's working policy;
 * change here, the README lists it). Terminal stages have no deadline.
 */
export const STAGE_DEADLINE_DAYS: Partial<Record<IntegrityStage, number>> = {
  received: 3,
  screening: 7,
  investigation: 60,
  finding: 14,
  sanction: 30,
};

export const STAGE_LABELS: Record<IntegrityStage, { th: string; en: string }> = {
  received: { th: 'รับเรื่องแล้ว', en: 'Received' },
  screening: { th: 'กำลังพิจารณารับเรื่อง', en: 'Screening' },
  not_accepted: { th: 'ไม่รับเรื่อง', en: 'Not accepted' },
  referred: { th: 'ส่งต่อหน่วยงานภายนอก', en: 'Referred to an outside body' },
  investigation: { th: 'กำลังสอบสวน', en: 'Under investigation' },
  finding: { th: 'สรุปผลการสอบสวน', en: 'Finding' },
  sanction: { th: 'ลงโทษทางวินัย', en: 'Sanction' },
  closed: { th: 'ปิดเรื่อง', en: 'Closed' },
};

/** Which stage may follow which; anything else is refused. */
const NEXT: Record<IntegrityStage, readonly IntegrityStage[]> = {
  received: ['screening', 'not_accepted', 'referred', 'investigation', 'closed'],
  screening: ['not_accepted', 'referred', 'investigation', 'closed'],
  not_accepted: ['closed', 'screening'],
  referred: ['closed', 'screening'],
  investigation: ['finding', 'closed'],
  finding: ['sanction', 'closed'],
  sanction: ['closed'],
  closed: ['screening', 'investigation'],
};

export function canMove(from: IntegrityStage, to: IntegrityStage): boolean {
  return NEXT[from].includes(to);
}

export const OPEN_STAGES: readonly IntegrityStage[] = ['received', 'screening', 'investigation', 'finding', 'sanction'];

export function dueAt(stage: IntegrityStage, enteredAt: Date): Date | null {
  const days = STAGE_DEADLINE_DAYS[stage];
  return days === undefined ? null : new Date(enteredAt.getTime() + days * 86_400_000);
}

export function isOverdue(dueAtValue: Date | null, now = new Date()): boolean {
  return dueAtValue !== null && dueAtValue.getTime() < now.getTime();
}

/** Where a reopened case goes back to: investigation if it was ever accepted. */
export function reopenStage(history: readonly IntegrityStage[]): IntegrityStage {
  return history.includes('investigation') ? 'investigation' : 'screening';
}

/** Official names are published only for these sanctions, once final and when asked. */
export const PUBLISHABLE_SANCTIONS = ['pay_cut', 'suspension', 'dismissal', 'criminal_referral'] as const;
