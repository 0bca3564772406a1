import { scheduleItem } from '../cautions/caution-schedule';
import { applyClock, applySignal, initialCautionState, isTerminal, nextWakeAt } from './caution-state';
import type { CautionWorkflowInput } from './caution.types';

// The caution's state machine without Temporal: each step of domain.md 2.6.4–2.6.6 on a fixed calendar.
const at = (iso: string) => Date.parse(iso);
let ids = 0;
const newId = () => `breach-${++ids}`;

function input(over: Partial<CautionWorkflowInput> = {}): CautionWorkflowInput {
  return {
    cautionId: 'caution-1',
    reference: 'OOCR-2026-000001',
    issueDate: '2026-03-02',
    completionDueDate: '2026-06-22',
    latestCompletionDate: '2026-07-20',
    items: [scheduleItem('course', null, '2026-04-01', 7), scheduleItem('pay', null, '2026-05-01', 7)],
    timeLimit: null,
    correlationId: 'corr',
    ...over,
  };
}

describe('caution state machine', () => {
  it('wakes for the first reminder, reminds once, then breaches at the end of the due day', () => {
    const inp = input();
    const s = initialCautionState(inp);
    expect(nextWakeAt(s, inp)).toBe(at('2026-03-25T09:00:00Z')); // 7 days before 1 April, 09:00 GMT
    expect(applyClock(s, at('2026-03-25T09:00:00Z'), inp, newId).map((e) => e.kind)).toEqual(['remind']);
    expect(applyClock(s, at('2026-03-26T09:00:00Z'), inp, newId)).toEqual([]);
    expect(nextWakeAt(s, inp)).toBe(at('2026-04-01T23:00:00Z')); // end of 1 April, BST
    const effects = applyClock(s, at('2026-04-01T23:00:00Z'), inp, newId);
    expect(effects).toEqual([
      {
        kind: 'breachOpened',
        breach: {
          breachId: expect.any(String),
          detectedOn: '2026-04-02',
          itemIds: ['course'],
          arrested: false,
        },
        items: [expect.objectContaining({ itemId: 'course', status: 'MISSED' })],
      },
    ]);
    expect(s.status).toBe('BREACH_ASSESSMENT');
  });

  it('completes when every condition is evidenced, on the last completion date', () => {
    const inp = input();
    const s = initialCautionState(inp);
    expect(
      applySignal(
        s,
        {
          type: 'evidence',
          evidenceId: 'e1',
          conditionId: 'course',
          instalmentNumber: null,
          completedOn: '2026-03-20',
        },
        inp,
      ),
    ).toEqual([]);
    expect(
      applySignal(
        s,
        {
          type: 'evidence',
          evidenceId: 'e2',
          conditionId: 'pay',
          instalmentNumber: null,
          completedOn: '2026-04-10',
        },
        inp,
      ),
    ).toEqual([{ kind: 'completed', completedOn: '2026-04-10' }]);
    expect(s).toMatchObject({ status: 'COMPLETED', completedOn: '2026-04-10' });
    expect(isTerminal(s)).toBe(true);
  });

  it('applies a repeated signal once, and records a signal that does not fit', () => {
    const inp = input();
    const s = initialCautionState(inp);
    const evidence = {
      type: 'evidence' as const,
      evidenceId: 'e1',
      conditionId: 'course',
      instalmentNumber: null,
      completedOn: '2026-03-20',
    };
    applySignal(s, evidence, inp);
    const version = s.stateVersion;
    applySignal(s, evidence, inp);
    expect(s.stateVersion).toBe(version);
    applySignal(s, { ...evidence, evidenceId: 'e2' }, inp);
    expect(s.rejectedSignals).toEqual([
      { type: 'evidence', id: 'evidence:e2', reason: 'the condition is already COMPLETED' },
    ]);
    applySignal(
      s,
      {
        type: 'evidence',
        evidenceId: 'e3',
        conditionId: 'nope',
        instalmentNumber: null,
        completedOn: '2026-03-20',
      },
      inp,
    );
    expect(s.rejectedSignals.at(-1)?.reason).toBe('no such condition or instalment');
  });

  it('NO_ACTION after a breach waives the missed condition; the caution closes when the rest are done (2.6.6)', () => {
    const inp = input();
    const s = initialCautionState(inp);
    applyClock(s, at('2026-04-02T12:00:00Z'), inp, newId);
    const breachId = s.openBreach!.breachId;
    applySignal(s, { type: 'breachDecision', breachId, decision: 'NO_ACTION', decidedOn: '2026-04-05' }, inp);
    expect(s.status).toBe('ACTIVE');
    applySignal(
      s,
      {
        type: 'evidence',
        evidenceId: 'e',
        conditionId: 'pay',
        instalmentNumber: null,
        completedOn: '2026-04-20',
      },
      inp,
    );
    expect(s).toMatchObject({ status: 'CLOSED_NO_FURTHER_ACTION', closedOn: '2026-04-20' });
    expect(s.items.map((i) => i.status)).toEqual(['WAIVED', 'COMPLETED']);
  });

  it('arrest (s24A) waits for a second decision; prosecution without proceedings is pending; proceedings cease it (2.1.11, 2.1.12)', () => {
    const inp = input();
    const s = initialCautionState(inp);
    applyClock(s, at('2026-04-02T12:00:00Z'), inp, newId);
    const breachId = s.openBreach!.breachId;
    applySignal(
      s,
      { type: 'breachDecision', breachId, decision: 'ARREST_S24A', decidedOn: '2026-04-03' },
      inp,
    );
    expect(s.status).toBe('AWAITING_POST_ARREST_DECISION');
    const version = s.stateVersion;
    applySignal(
      s,
      { type: 'breachDecision', breachId, decision: 'ARREST_S24A', decidedOn: '2026-04-04' },
      inp,
    ); // a repeat: no effect
    expect(s.stateVersion).toBe(version);
    applySignal(
      s,
      { type: 'breachDecision', breachId, decision: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn: '2026-04-04' },
      inp,
    );
    expect(s.status).toBe('PROSECUTION_PENDING');
    expect(s.items.map((i) => i.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(isTerminal(s)).toBe(false);
    applySignal(s, { type: 'proceedings', startedOn: '2026-04-10' }, inp);
    expect(s).toMatchObject({ status: 'CEASED', proceedingsStartedOn: '2026-04-10' });
  });

  it('varies the conditions on a breach: the missed one is replaced, a new one added, completion extended (2.1.10)', () => {
    const inp = input();
    const s = initialCautionState(inp);
    applyClock(s, at('2026-04-02T12:00:00Z'), inp, newId);
    const breachId = s.openBreach!.breachId;
    const course2 = scheduleItem('course-2', null, '2026-07-15', 7);
    applySignal(
      s,
      {
        type: 'breachDecision',
        breachId,
        decision: 'VARY_CONDITIONS',
        decidedOn: '2026-04-06',
        variation: {
          variationId: 'v1',
          newCompletionDueDate: '2026-07-20',
          add: [course2],
          withdrawConditionIds: ['course'],
          reschedule: [],
        },
      },
      inp,
    );
    expect(s).toMatchObject({ status: 'ACTIVE', completionDueDate: '2026-07-20', openBreach: null });
    expect(s.items.map((i) => [i.itemId, i.status])).toEqual([
      ['course', 'VARIED'],
      ['pay', 'PENDING'],
      ['course-2', 'PENDING'],
    ]);
  });

  it('refuses an extension beyond 20 weeks and accepts one within, rescheduling the reminder (2.1.10)', () => {
    const inp = input();
    const s = initialCautionState(inp);
    applyClock(s, at('2026-04-24T12:00:00Z'), inp, newId); // course breached, pay reminded
    const pay = s.items.find((i) => i.itemId === 'pay')!;
    expect(pay.reminded).toBe(true);
    applySignal(
      s,
      { type: 'extension', extensionId: 'x1', newCompletionDueDate: '2026-07-21', reschedule: [] },
      inp,
    );
    expect(s.rejectedSignals.at(-1)?.reason).toBe('completion cannot be later than 2026-07-20');
    applySignal(
      s,
      {
        type: 'extension',
        extensionId: 'x2',
        newCompletionDueDate: '2026-07-20',
        reschedule: [scheduleItem('pay', null, '2026-07-01', 7)],
      },
      inp,
    );
    expect(s.completionDueDate).toBe('2026-07-20');
    expect(s.items.find((i) => i.itemId === 'pay')).toMatchObject({ dueDate: '2026-07-01', reminded: false });
  });

  it('escalates a summary-only time limit, refuses prosecution once barred, and ends a pending prosecution then (2.1.13)', () => {
    const timeLimit = {
      lastDateToLay: '2026-05-10',
      approachingAt: '2026-04-12T08:00:00.000Z',
      barredAt: '2026-05-10T23:00:00.000Z',
    };
    const inp = input({ timeLimit });
    const s = initialCautionState(inp);
    expect(s.timeLimitStatus).toBe('OK');
    expect(
      applyClock(s, at('2026-04-12T08:00:00Z'), inp, newId).filter((e) => e.kind === 'timeLimit'),
    ).toEqual([{ kind: 'timeLimit', status: 'APPROACHING', lastDateToLay: '2026-05-10' }]);
    const breachId = s.openBreach!.breachId;
    expect(
      applyClock(s, at('2026-05-11T00:00:00Z'), inp, newId).filter((e) => e.kind === 'timeLimit'),
    ).toEqual([{ kind: 'timeLimit', status: 'STATUTE_BARRED', lastDateToLay: '2026-05-10' }]);
    applySignal(
      s,
      { type: 'breachDecision', breachId, decision: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn: '2026-05-12' },
      inp,
    );
    expect(s.rejectedSignals.at(-1)?.reason).toBe('the time limit to prosecute has passed');
  });

  it('pays a plan instalment by instalment', () => {
    const inp = input({
      items: [scheduleItem('plan', 1, '2026-04-01', 7), scheduleItem('plan', 2, '2026-05-01', 7)],
    });
    const s = initialCautionState(inp);
    applySignal(
      s,
      {
        type: 'evidence',
        evidenceId: 'p1',
        conditionId: 'plan',
        instalmentNumber: 1,
        completedOn: '2026-03-30',
      },
      inp,
    );
    expect(s.status).toBe('ACTIVE');
    expect(
      applySignal(
        s,
        {
          type: 'evidence',
          evidenceId: 'p2',
          conditionId: 'plan',
          instalmentNumber: 2,
          completedOn: '2026-04-28',
        },
        inp,
      ),
    ).toEqual([{ kind: 'completed', completedOn: '2026-04-28' }]);
  });
});
