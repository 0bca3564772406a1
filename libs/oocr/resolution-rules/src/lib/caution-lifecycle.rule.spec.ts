import {
  CAUTION_ACTIONS,
  CAUTION_STATES,
  CAUTION_TRANSITIONS,
  checkCautionTransition,
  checkExtensionTiming,
  type CautionAction,
  type CautionState,
} from './caution-lifecycle.rule';

/** What each cell must be, restated from domain.md 2.1.10–2.1.12 and 2.6.6 (issue 10 item 7). */
function expected(state: CautionState, action: CautionAction): 'ALLOWED' | 'WITH_REASON' | string {
  const openBreach = state === 'BREACH_ASSESSMENT' || state === 'AWAITING_POST_ARREST_DECISION';
  if (state === 'COMPLETED') return 'OOCR_CAUTION_COMPLETED';
  if (state === 'CLOSED_NO_FURTHER_ACTION') return 'OOCR_CAUTION_CLOSED_NO_FURTHER_ACTION';
  if (state === 'CEASED') return 'OOCR_CAUTION_CEASED';
  if (state === 'PROSECUTION_PENDING')
    return action === 'RECORD_PROCEEDINGS_STARTED' ? 'ALLOWED' : 'OOCR_PROSECUTION_PENDING';
  if (action === 'RECORD_PROCEEDINGS_STARTED') return 'OOCR_NO_PROSECUTION_PENDING';
  if (action === 'RECORD_EVIDENCE') return 'ALLOWED';
  if (action === 'EXTEND_COMPLETION') return openBreach ? 'WITH_REASON' : 'ALLOWED';
  if (action === 'VARY_CONDITIONS') return openBreach ? 'OOCR_VARY_THROUGH_BREACH_DECISION' : 'ALLOWED';
  return openBreach ? 'ALLOWED' : 'OOCR_NO_OPEN_BREACH'; // ASSESS_BREACH, DECIDE_BREACH
}

describe('caution lifecycle: every state × action, generated from CAUTION_TRANSITIONS', () => {
  it('has a rule for every state and action', () => {
    expect(Object.keys(CAUTION_TRANSITIONS).sort()).toEqual([...CAUTION_STATES].sort());
    for (const s of CAUTION_STATES)
      expect(Object.keys(CAUTION_TRANSITIONS[s]).sort()).toEqual([...CAUTION_ACTIONS].sort());
  });

  const cells = CAUTION_STATES.flatMap((s) => CAUTION_ACTIONS.map((a) => [s, a] as const));
  it.each(cells)('%s × %s', (state, action) => {
    const want = expected(state, action);
    const bare = checkCautionTransition(state, action);
    const withReason = checkCautionTransition(state, action, {
      breachSetAsideReason: 'Missed through illness',
    });
    if (want === 'ALLOWED') {
      expect(bare).toBeNull();
      expect(withReason).toBeNull();
    } else if (want === 'WITH_REASON') {
      expect(bare?.code).toBe('OOCR_BREACH_DECISION_FIRST');
      expect(checkCautionTransition(state, action, { breachSetAsideReason: '  ' })?.code).toBe(
        'OOCR_BREACH_DECISION_FIRST',
      );
      expect(withReason).toBeNull();
    } else {
      expect(bare?.code).toBe(want);
      expect(withReason?.code).toBe(want); // a reason never unlocks a refused cell
      expect(bare!.rule).toMatch(/^2\./);
    }
  });

  it('refuses an unknown state', () => {
    expect(checkCautionTransition('PAUSED', 'RECORD_EVIDENCE')?.code).toBe('OOCR_UNKNOWN_STATE');
  });
});

describe('checkExtensionTiming (2.1.10, 2.6.4, 2.6.6)', () => {
  it.each<[string, string, string, string, boolean, string[]]>([
    ['a date after today, before the due date', '2026-03-01', '2026-04-01', '2026-05-01', false, []],
    [
      'a date in the past',
      '2026-03-01',
      '2026-04-01',
      '2026-02-20',
      false,
      ['OOCR_EXTENSION_DATE_NOT_AFTER_TODAY'],
    ],
    [
      'today itself',
      '2026-03-01',
      '2026-04-01',
      '2026-03-01',
      false,
      ['OOCR_EXTENSION_DATE_NOT_AFTER_TODAY'],
    ],
    [
      'after the completion date passed',
      '2026-04-02',
      '2026-04-01',
      '2026-05-01',
      false,
      ['OOCR_EXTENSION_AFTER_COMPLETION_DATE'],
    ],
    ['after it passed, setting an open breach aside', '2026-04-02', '2026-04-01', '2026-05-01', true, []],
    [
      'the reported case: past date, open breach',
      '2026-04-10',
      '2026-04-01',
      '2026-04-05',
      true,
      ['OOCR_EXTENSION_DATE_NOT_AFTER_TODAY'],
    ],
  ])('%s', (_label, today, current, next, openBreach, codes) => {
    expect(
      checkExtensionTiming({
        today,
        currentCompletionDueDate: current,
        newCompletionDueDate: next,
        openBreach,
      }).map((p) => p.code),
    ).toEqual(codes);
  });
});
