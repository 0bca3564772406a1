// The workflow scenarios, shared by the time-skipping test (which checks them) and record-histories.ts (which
// saves their histories for the replay test). Real schedules (16 weeks, UK timers): time is skipped, never shortened.
import { endOfLondonDay } from '@oversight/nest-platform';
import { addCalendarMonths, addDays, addWeeks } from '@oversight/oocr-rules';
import { waitFor } from '@oversight/testing';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { scheduleItem } from '../../src/cautions/caution-schedule';
import {
  BREACH_DECIDED_SIGNAL,
  BreachDecidedSignal,
  CAUTION_STATE_QUERY,
  CAUTION_WORKFLOW,
  CautionWorkflowInput,
  CautionWorkflowState,
  cautionWorkflowId,
  COMPLETION_EXTENDED_SIGNAL,
  CompletionExtendedSignal,
  CONDITION_EVIDENCED_SIGNAL,
  ConditionEvidencedSignal,
  PROCEEDINGS_STARTED_SIGNAL,
} from '../../src/workflows/caution.types';
import {
  REFERRAL_ACTIONS_COMPLETED_SIGNAL,
  REFERRAL_WORKFLOW,
  ReferralFollowUpInput,
  referralWorkflowId,
} from '../../src/workflows/referral.types';
import {
  ActivityName,
  cautionInput,
  RecordingActivities,
  REMINDER_DAYS,
  scenarioId,
  serverToday,
} from './caution.fixtures';

export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  recorder: RecordingActivities;
}

export interface ScenarioOutcome {
  handle: WorkflowHandle;
  result: unknown;
  /** Snapshots of the workflow's state taken on the way, by label. */
  seen: Record<string, CautionWorkflowState>;
  input: CautionWorkflowInput | ReferralFollowUpInput;
}

const state = (h: WorkflowHandle) => h.query<CautionWorkflowState>(CAUTION_STATE_QUERY);
const calls = (recorder: RecordingActivities, name: ActivityName, n: number) =>
  waitFor(
    `${n} call(s) of ${name}`,
    async () => recorder.callsOf(name).length,
    (c) => c >= n,
    { timeoutMs: 20_000, intervalMs: 25 },
  );
const evidence = (h: WorkflowHandle, s: ConditionEvidencedSignal) => h.signal(CONDITION_EVIDENCED_SIGNAL, s);
const decide = (h: WorkflowHandle, s: BreachDecidedSignal) => h.signal(BREACH_DECIDED_SIGNAL, s);

async function startCaution(ctx: ScenarioContext, input: CautionWorkflowInput): Promise<WorkflowHandle> {
  return ctx.env.client.workflow.start(CAUTION_WORKFLOW, {
    taskQueue: ctx.taskQueue,
    workflowId: cautionWorkflowId(input.cautionId),
    args: [input],
  });
}

export const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<ScenarioOutcome>> = {
  /** Three items (a course, and compensation in two instalments), each evidenced before it is due. */
  'caution-completed-on-time': async (ctx) => {
    const { env, recorder } = ctx;
    const issue = await serverToday(env);
    const id = scenarioId('on-time');
    const input = cautionInput({
      cautionId: id,
      issueDate: issue,
      conditions: [
        { id: `${id.slice(0, -4)}c001`, dueInDays: 21 },
        { id: `${id.slice(0, -4)}c002`, instalmentsDueInDays: [30, 60] },
      ],
    });
    const [course, plan] = [input.items[0].conditionId, input.items[1].conditionId];
    const handle = await startCaution(ctx, input);
    await env.sleep('15 days'); // past the course's reminder (7 days before day 21)
    await calls(recorder, 'remindConditionDue', 1);
    await evidence(handle, {
      evidenceId: 'ev-1',
      conditionId: course,
      instalmentNumber: null,
      completedOn: addDays(issue, 15),
    });
    await env.sleep('10 days'); // day 25: instalment 1 (day 30) reminded
    await calls(recorder, 'remindConditionDue', 2);
    await evidence(handle, {
      evidenceId: 'ev-2',
      conditionId: plan,
      instalmentNumber: 1,
      completedOn: addDays(issue, 25),
    });
    await env.sleep('30 days'); // day 55: instalment 2 (day 60) reminded
    await calls(recorder, 'remindConditionDue', 3);
    const seen = { beforeLast: await state(handle) };
    await evidence(handle, {
      evidenceId: 'ev-3',
      conditionId: plan,
      instalmentNumber: 2,
      completedOn: addDays(issue, 55),
    });
    return { handle, input, seen, result: await handle.result() };
  },

  /** A missed condition: breach assessment, arrest (s24A), prosecution for the original offence, proceedings. */
  'caution-breach-prosecuted': async (ctx) => {
    const { env, recorder } = ctx;
    const issue = await serverToday(env);
    const id = scenarioId('prosecuted');
    const input = cautionInput({
      cautionId: id,
      issueDate: issue,
      conditions: [
        { id: `${id.slice(0, -4)}c001`, dueInDays: 14 },
        { id: `${id.slice(0, -4)}c002`, dueInDays: 60 },
      ],
    });
    const handle = await startCaution(ctx, input);
    await env.sleep('16 days');
    await calls(recorder, 'openBreachAssessment', 1);
    const breach = await state(handle);
    const breachId = breach.openBreach!.breachId;
    await decide(handle, { breachId, decision: 'ARREST_S24A', decidedOn: addDays(issue, 17) });
    const arrested = await waitFor(
      'the arrest to apply',
      () => state(handle),
      (s) => s.status === 'AWAITING_POST_ARREST_DECISION',
    );
    await decide(handle, { breachId, decision: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn: addDays(issue, 18) });
    const pending = await waitFor(
      'the prosecution to be pending',
      () => state(handle),
      (s) => s.status === 'PROSECUTION_PENDING',
    );
    await handle.signal(PROCEEDINGS_STARTED_SIGNAL, { startedOn: addDays(issue, 20) });
    return { handle, input, seen: { breach, arrested, pending }, result: await handle.result() };
  },

  /** A missed condition varied with an extension to 20 weeks; an extension beyond 20 weeks is refused. */
  'caution-varied-extended': async (ctx) => {
    const { env, recorder } = ctx;
    const issue = await serverToday(env);
    const id = scenarioId('varied');
    const input = cautionInput({
      cautionId: id,
      issueDate: issue,
      conditions: [
        { id: `${id.slice(0, -4)}c001`, dueInDays: 14 },
        { id: `${id.slice(0, -4)}c002`, dueInDays: 28 },
      ],
    });
    const [course, apology] = [input.items[0].conditionId, input.items[1].conditionId];
    const replacement = `${id.slice(0, -4)}c003`;
    const handle = await startCaution(ctx, input);
    await env.sleep('16 days');
    await calls(recorder, 'openBreachAssessment', 1);
    const breachId = (await state(handle)).openBreach!.breachId;
    const tooLate: CompletionExtendedSignal = {
      extensionId: 'ext-21-weeks',
      newCompletionDueDate: addDays(addWeeks(issue, 20), 1),
      reschedule: [],
    };
    await handle.signal(COMPLETION_EXTENDED_SIGNAL, tooLate);
    const refused = await waitFor(
      'the 21-week extension to be refused',
      () => state(handle),
      (s) => s.rejectedSignals.length === 1,
    );
    await decide(handle, {
      breachId,
      decision: 'VARY_CONDITIONS',
      decidedOn: addDays(issue, 17),
      variation: {
        variationId: 'var-1',
        newCompletionDueDate: addWeeks(issue, 20),
        add: [scheduleItem(replacement, null, addWeeks(issue, 18), REMINDER_DAYS)],
        withdrawConditionIds: [course],
        reschedule: [],
      },
    });
    await evidence(handle, {
      evidenceId: 'ev-apology',
      conditionId: apology,
      instalmentNumber: null,
      completedOn: addDays(issue, 18),
    });
    const varied = await waitFor(
      'the variation to apply',
      () => state(handle),
      (s) => s.status === 'ACTIVE' && s.items.length === 3,
    );
    await env.sleep('105 days'); // day ~121: the replacement (due week 18) reminded, not yet due
    await calls(recorder, 'remindConditionDue', 2); // the missed course (day 7) and the replacement
    await evidence(handle, {
      evidenceId: 'ev-replacement',
      conditionId: replacement,
      instalmentNumber: null,
      completedOn: addDays(issue, 121),
    });
    return { handle, input, seen: { refused, varied }, result: await handle.result() };
  },

  /**
   * Summary-only offence whose last date to lay an information (offence + 6 months) falls about 40 days after
   * issue: escalated as it approaches, breach, statute-barred, prosecution refused, no further action.
   */
  'caution-summary-only-time-limit': async (ctx) => {
    const { env, recorder } = ctx;
    const issue = await serverToday(env);
    const id = scenarioId('summary');
    const offenceDate = addCalendarMonths(addDays(issue, 40), -6);
    const input = cautionInput({
      cautionId: id,
      issueDate: issue,
      offenceClass: 'SUMMARY_ONLY',
      offenceDate,
      conditions: [{ id: `${id.slice(0, -4)}c001`, dueInDays: 21 }],
    });
    const handle = await startCaution(ctx, input);
    await env.sleep('14 days'); // ~28 days before the last date
    await calls(recorder, 'escalateTimeLimit', 1);
    const approaching = await state(handle);
    await env.sleep('9 days'); // the condition (day 21) missed
    await calls(recorder, 'openBreachAssessment', 1);
    await env.sleep(Date.parse(input.timeLimit!.barredAt) - (await env.currentTimeMs()) + 3600_000);
    await calls(recorder, 'escalateTimeLimit', 2);
    const barred = await state(handle);
    const breachId = barred.openBreach!.breachId;
    await decide(handle, {
      breachId,
      decision: 'PROSECUTE_ORIGINAL_OFFENCE',
      decidedOn: addDays(input.timeLimit!.lastDateToLay, 1),
    });
    const refused = await waitFor(
      'the prosecution to be refused',
      () => state(handle),
      (s) => s.rejectedSignals.length === 1,
    );
    await decide(handle, {
      breachId,
      decision: 'NO_ACTION',
      decidedOn: addDays(input.timeLimit!.lastDateToLay, 1),
    });
    return { handle, input, seen: { approaching, barred, refused }, result: await handle.result() };
  },

  /** A community resolution referred back: weekly reminders to the officer, the supervisor told when overdue. */
  'referral-followed-up': async (ctx) => {
    const { env, recorder } = ctx;
    const issue = await serverToday(env);
    const referralId = scenarioId('referral');
    const dueOn = addDays(issue, 14);
    const input: ReferralFollowUpInput = {
      referralId,
      disposalId: scenarioId('referral-cr'),
      officerId: 'pc.4471',
      dueOn,
      overdueAt: endOfLondonDay(dueOn).toISOString(),
      reminderEveryMs: 7 * 86_400_000,
      maxReminders: 8,
      correlationId: `corr-${referralId}`,
    };
    const handle = await env.client.workflow.start(REFERRAL_WORKFLOW, {
      taskQueue: ctx.taskQueue,
      workflowId: referralWorkflowId(referralId),
      args: [input],
    });
    await env.sleep('16 days');
    await calls(recorder, 'escalateOverdueReferral', 1);
    await calls(recorder, 'remindReferralOpen', 2);
    await handle.signal(REFERRAL_ACTIONS_COMPLETED_SIGNAL);
    return { handle, input, seen: {}, result: await handle.result() };
  },
};
