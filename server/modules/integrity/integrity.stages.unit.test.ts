import { describe, expect, it } from 'vitest';
import { canMove, dueAt, isOverdue, reopenStage, STAGE_DEADLINE_DAYS, STAGE_LABELS, STAGES } from './integrity.stages.ts';
import { can } from './integrity.policy.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';

const user = (role: AuthUser['role']): AuthUser => ({ id: '1', publicId: 'P', displayName: 'x', email: null, phone: null, role, agencyId: null });

describe('stages', () => {
  it('follow the path received → screening → (not accepted | referred | investigation) → finding → sanction → closed', () => {
    expect(canMove('received', 'screening')).toBe(true);
    expect(canMove('screening', 'investigation')).toBe(true);
    expect(canMove('screening', 'referred')).toBe(true);
    expect(canMove('investigation', 'finding')).toBe(true);
    expect(canMove('finding', 'sanction')).toBe(true);
    expect(canMove('sanction', 'closed')).toBe(true);
    expect(canMove('received', 'finding')).toBe(false);
    expect(canMove('investigation', 'sanction')).toBe(false);
    expect(canMove('closed', 'finding')).toBe(false);
    for (const s of STAGES) expect(STAGE_LABELS[s].th && STAGE_LABELS[s].en).toBeTruthy();
  });

  it('have deadlines by policy and overdue flags', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(dueAt('screening', t)!.toISOString()).toBe('2026-01-08T00:00:00.000Z');
    expect(dueAt('investigation', t)!.getTime() - t.getTime()).toBe(STAGE_DEADLINE_DAYS.investigation! * 86_400_000);
    expect(dueAt('closed', t)).toBeNull();
    expect(isOverdue(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-03T00:00:00Z'))).toBe(true);
    expect(isOverdue(null)).toBe(false);
  });

  it('reopen to investigation only if the case was ever accepted', () => {
    expect(reopenStage(['received', 'screening', 'not_accepted', 'closed'])).toBe('screening');
    expect(reopenStage(['received', 'screening', 'investigation', 'finding', 'closed'])).toBe('investigation');
  });
});

describe('policy', () => {
  it('denies unknown actions and roles outside the unit', () => {
    expect(can(user('integrity_head'), 'launch_missiles' as never, { stage: 'investigation', assigned: true })).toBe(false);
    expect(can(user('officer'), 'view', { stage: 'investigation', assigned: true })).toBe(false);
    expect(can(user('custodian'), 'view', { stage: 'investigation', assigned: false })).toBe(false);
  });

  it('lets only assigned investigators ask, record findings, download evidence and see identities', () => {
    const facts = { stage: 'investigation' as const, assigned: true };
    for (const a of ['ask', 'finding', 'download_evidence', 'view_identity', 'request_identity'] as const) {
      expect(can(user('investigator'), a, facts), a).toBe(true);
      expect(can(user('investigator'), a, { ...facts, assigned: false }), a).toBe(false);
      expect(can(user('integrity_head'), a, facts), a).toBe(false);
    }
    expect(can(user('screening_officer'), 'screen', { stage: 'received', assigned: false })).toBe(true);
    expect(can(user('screening_officer'), 'screen', { stage: 'investigation', assigned: false })).toBe(false);
    expect(can(user('custodian'), 'decide_identity', null)).toBe(true);
  });
});
