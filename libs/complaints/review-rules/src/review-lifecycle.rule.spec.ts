import {
  checkReviewTransition,
  REVIEW_ACTIONS,
  REVIEW_STATES,
  REVIEW_TRANSITIONS,
  reviewState,
  type ReviewAction,
  type ReviewState,
} from './review-lifecycle.rule';

/**
 * Generated from the table: every state against every action (issue 10 item 2). The expectations below
 * restate the lifecycle in domain terms, so a change to the table that breaks a rule fails here.
 */
const OPEN: ReviewState[] = ['RECEIVED', 'UNDER_REVIEW', 'NOT_ELIGIBLE', 'LEGACY_APPEAL'];
const FINISHED: ReviewState[] = ['DECIDED', 'CLOSED', 'WITHDRAWN', 'PASSED_TO_IOPC'];

function expected(state: ReviewState, action: ReviewAction): 'ALLOWED' | string {
  if (action === 'RECORD_DECISION_NOT_TO_ACT') return 'ALLOWED'; // the decision log keeps every decision
  if (action === 'RECORD_FORCE_RESPONSE' && state === 'DECIDED') return 'ALLOWED';
  if (state === 'DECIDED') return '1.1.6, 1.4.3';
  if (state === 'CLOSED') return '1.5.8';
  if (state === 'WITHDRAWN') return '1.2.7 [S]';
  if (state === 'PASSED_TO_IOPC') return '1.2.4 [P]';
  if (action === 'RECORD_FORCE_RESPONSE') return '1.4.3, 1.4.5 [U]';
  if (action === 'ASSESS_REVIEW_BODY' || action === 'DECIDE') {
    if (state === 'NOT_ELIGIBLE') return '1.1.1, 1.1.2';
    if (state === 'LEGACY_APPEAL') return '1.1.3';
  }
  if (state === 'RECEIVED' && (action === 'STOP_CLOCK' || action === 'RESTART_CLOCK')) return '1.4.7 [S]';
  return 'ALLOWED';
}

describe('review lifecycle: every state × action, generated from REVIEW_TRANSITIONS', () => {
  it('has a rule for every state and every action', () => {
    expect(Object.keys(REVIEW_TRANSITIONS).sort()).toEqual([...REVIEW_STATES].sort());
    for (const state of REVIEW_STATES)
      expect(Object.keys(REVIEW_TRANSITIONS[state]).sort()).toEqual([...REVIEW_ACTIONS].sort());
  });

  const cells = REVIEW_STATES.flatMap((state) => REVIEW_ACTIONS.map((action) => [state, action] as const));
  it.each(cells)('%s × %s', (state, action) => {
    const refusal = checkReviewTransition(state, action);
    const want = expected(state, action);
    if (want === 'ALLOWED') expect(refusal).toBeNull();
    else {
      expect(refusal).not.toBeNull();
      expect(refusal!.rule).toBe(want);
      expect(refusal!.message.length).toBeGreaterThan(20);
      expect(refusal!.code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('never lets an ineligible application be accepted for review or decided (1.1.1–1.1.3)', () => {
    for (const state of ['NOT_ELIGIBLE', 'LEGACY_APPEAL'] as const) {
      expect(checkReviewTransition(state, 'ASSESS_REVIEW_BODY')).not.toBeNull();
      expect(checkReviewTransition(state, 'DECIDE')).not.toBeNull();
      expect(checkReviewTransition(state, 'CLOSE')).toBeNull();
      expect(checkReviewTransition(state, 'WITHDRAW')).toBeNull();
    }
  });

  it('lets nothing but the decision log (and force responses once decided) touch a finished case', () => {
    for (const state of FINISHED)
      for (const action of REVIEW_ACTIONS)
        if (
          action !== 'RECORD_DECISION_NOT_TO_ACT' &&
          !(state === 'DECIDED' && action === 'RECORD_FORCE_RESPONSE')
        )
          expect(checkReviewTransition(state, action)).not.toBeNull();
    for (const state of OPEN) expect(checkReviewTransition(state, 'CLOSE')).toBeNull();
  });

  it.each<[Parameters<typeof reviewState>[0], string | null, ReviewState]>([
    ['RECEIVED', 'REVIEW', 'RECEIVED'],
    ['RECEIVED', 'NOT_ASSESSED', 'RECEIVED'],
    ['RECEIVED', 'NOT_ELIGIBLE', 'NOT_ELIGIBLE'],
    ['UNDER_REVIEW', 'LEGACY_APPEAL', 'LEGACY_APPEAL'],
    ['UNDER_REVIEW', 'REVIEW', 'UNDER_REVIEW'],
    ['CLOSED', 'NOT_ELIGIBLE', 'CLOSED'],
    ['DECIDED', 'REVIEW', 'DECIDED'],
  ])('status %s with route %s is state %s', (status, route, state) => {
    expect(reviewState(status, route)).toBe(state);
  });
});
