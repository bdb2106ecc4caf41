import { describe, expect, it } from 'vitest';
import type { AuthUser, Role } from '../../platform/auth/auth.types.ts';
import { abilitiesOf, mayView, permits, type ProposalCaller, type ProposalFacts } from './proposals.policy.ts';

const user = (id: string, role: Role): AuthUser => ({ id, publicId: `P${id}`, displayName: id, email: null, phone: null, role, agencyId: role === 'citizen' || role === 'admin' ? null : 'A1' });
const caller = (u: AuthUser | null, o: Partial<ProposalCaller> = {}): ProposalCaller => ({ user: u, actor: { userId: u?.id ?? null, label: 'x', channel: 'web' }, seat: null, staffDistrict: null, ...o });
const seat = (communityId: string) => ({ communityId, communityCode: 'C', districtCode: 1004, position: 'member' as const });
const facts = (o: Partial<ProposalFacts> = {}): ProposalFacts => ({ communityId: 'c1', districtCode: 1004, state: 'under_review', evaluatorUserId: 'ev', submitted: true, ...o });

const member = caller(user('m', 'citizen'), { seat: seat('c1') });
const otherMember = caller(user('o', 'citizen'), { seat: seat('c2') });
const planner = caller(user('p', 'planner'), { staffDistrict: 1004 });
const farPlanner = caller(user('fp', 'planner'), { staffDistrict: 1001 });
const evaluator = caller(user('ev', 'officer'), { staffDistrict: 1004 });
const movedEvaluator = caller(user('ev', 'officer'), { staffDistrict: 1001 });
const officer = caller(user('off', 'officer'), { staffDistrict: 1004 });
const head = caller(user('h', 'agency_admin'), { staffDistrict: 1004 });
const admin = caller(user('a', 'admin'));
// A member of c1's committee later made a planner of the district: the seat row remains.
const promoted = caller(user('pm', 'planner'), { staffDistrict: 1004, ownCommittee: 'c1' });
const anonymous = caller(null);

describe('who may do what to a proposal', () => {
  it('gives the committee the writing and the district the review', () => {
    expect(permits('submit', member, facts())).toBe(true);
    expect(permits('submit', otherMember, facts())).toBe(false);
    expect(permits('submit', planner, facts())).toBe(false);
    expect(permits('assign', planner, facts())).toBe(true);
    expect(permits('assign', head, facts())).toBe(true);
    expect(permits('assign', officer, facts())).toBe(false);
    expect(permits('assign', evaluator, facts())).toBe(false);
    expect(permits('assign', farPlanner, facts())).toBe(false);
    expect(permits('accept', evaluator, facts())).toBe(true);
    expect(permits('accept', movedEvaluator, facts())).toBe(false);
    expect(permits('accept', officer, facts())).toBe(false);
    expect(permits('accept', farPlanner, facts())).toBe(false);
    expect(permits('accept', admin, facts())).toBe(true);
    expect(permits('withdraw', admin, facts())).toBe(false);
    for (const action of ['submit', 'assign', 'accept', 'withdraw'] as const) expect(permits(action, anonymous, facts())).toBe(false);
  });

  it('shows drafts only to the committee and the district', () => {
    const draft = facts({ state: 'draft', submitted: false });
    expect(mayView(anonymous, draft)).toBe(false);
    expect(mayView(otherMember, draft)).toBe(false);
    expect(mayView(farPlanner, draft)).toBe(false);
    for (const c of [member, planner, officer, evaluator, admin]) expect(mayView(c, draft)).toBe(true);
    expect(mayView(anonymous, facts())).toBe(true);
  });

  it('offers only what both the standing and the state allow', () => {
    expect(abilitiesOf(evaluator, facts())).toMatchObject({ accept: true, request_revision: true, not_accept: true, merge: true, assign: false, edit: false });
    expect(abilitiesOf(member, facts({ state: 'revision_requested' }))).toMatchObject({ edit: true, submit: true, withdraw: true, accept: false });
    expect(Object.values(abilitiesOf(admin, facts({ state: 'accepted' }))).some(Boolean)).toBe(false);
  });

  it('keeps a member made staff out of their own community\'s review, not others\'', () => {
    for (const action of ['assign', 'accept', 'not_accept', 'request_revision', 'merge', 'submit', 'edit'] as const) {
      expect(permits(action, promoted, facts()), action).toBe(false);
    }
    expect(permits('accept', promoted, facts({ communityId: 'c9' }))).toBe(true);
    expect(permits('assign', promoted, facts({ communityId: 'c9' }))).toBe(true);
  });
});
