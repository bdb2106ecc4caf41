import { describe, expect, it } from 'vitest';
import { canTransition, FINAL_STATES, nextState, outOfOrderText, PROPOSAL_ACTIONS, PROPOSAL_STATES, STATE_LABELS, TRANSITIONS } from './proposals.states.ts';

describe('the proposal state machine', () => {
  it('follows the issue: draft → submitted → under review ⇄ revision → accepted | not accepted | merged | withdrawn', () => {
    expect(nextState('submit', 'draft')).toBe('submitted');
    expect(nextState('assign', 'submitted')).toBe('under_review');
    expect(nextState('request_revision', 'under_review')).toBe('revision_requested');
    expect(nextState('submit', 'revision_requested')).toBe('submitted');
    expect(nextState('accept', 'under_review')).toBe('accepted');
    expect(nextState('not_accept', 'submitted')).toBe('not_accepted');
    expect(nextState('not_accept', 'under_review')).toBe('not_accepted');
    expect(nextState('merge', 'revision_requested')).toBe('merged');
    expect(nextState('withdraw', 'draft')).toBe('withdrawn');
    expect(nextState('edit', 'draft')).toBe('draft');
  });

  it('lets nothing move a finished proposal', () => {
    for (const state of FINAL_STATES) {
      for (const action of Object.values(PROPOSAL_ACTIONS)) expect(canTransition(action, state), `${action} from ${state}`).toBe(false);
    }
  });

  it('refuses the out-of-order steps people will try', () => {
    expect(canTransition('accept', 'submitted')).toBe(false); // no evaluator yet
    expect(canTransition('accept', 'revision_requested')).toBe(false);
    expect(canTransition('submit', 'submitted')).toBe(false);
    expect(canTransition('request_revision', 'submitted')).toBe(false);
    expect(canTransition('edit', 'under_review')).toBe(false);
    expect(canTransition('assign', 'draft')).toBe(false);
    expect(canTransition('merge', 'draft')).toBe(false);
  });

  it('only names real states, and labels every one in Thai and English', () => {
    for (const t of Object.values(TRANSITIONS)) {
      for (const s of t.from) expect(PROPOSAL_STATES).toContain(s);
      if (t.to) expect(PROPOSAL_STATES).toContain(t.to);
    }
    for (const s of PROPOSAL_STATES) {
      expect(STATE_LABELS[s].th).toBeTruthy();
      expect(STATE_LABELS[s].en).toBeTruthy();
    }
  });

  it('explains a refusal in both languages, naming the states that would allow it', () => {
    const text = outOfOrderText('accept', 'draft');
    expect(text.th).toContain('"ร่าง"');
    expect(text.th).toContain('"อยู่ระหว่างพิจารณา"');
    expect(text.en).toBe('You cannot accept the proposal while it is "Draft"; this is possible only when it is "Under review"');
  });
});
