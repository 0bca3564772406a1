import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { CautionActivities } from '../cautions/caution.activities';
import {
  applyClock,
  applySignal,
  CautionEffect,
  initialCautionState,
  isTerminal,
  nextWakeAt,
  snapshotOf,
} from './caution-state';
import {
  BREACH_DECIDED_SIGNAL,
  BreachDecidedSignal,
  CAUTION_STATE_QUERY,
  CautionSignal,
  CautionWorkflowInput,
  CautionWorkflowState,
  COMPLETION_EXTENDED_SIGNAL,
  CompletionExtendedSignal,
  CONDITION_EVIDENCED_SIGNAL,
  ConditionEvidencedSignal,
  CONDITIONS_VARIED_SIGNAL,
  ConditionsVariedSignal,
  PROCEEDINGS_STARTED_SIGNAL,
  ProceedingsStartedSignal,
} from './caution.types';

export const conditionEvidenced = defineSignal<[ConditionEvidencedSignal]>(CONDITION_EVIDENCED_SIGNAL);
export const completionExtended = defineSignal<[CompletionExtendedSignal]>(COMPLETION_EXTENDED_SIGNAL);
export const conditionsVaried = defineSignal<[ConditionsVariedSignal]>(CONDITIONS_VARIED_SIGNAL);
export const breachDecided = defineSignal<[BreachDecidedSignal]>(BREACH_DECIDED_SIGNAL);
export const proceedingsStarted = defineSignal<[ProceedingsStartedSignal]>(PROCEEDINGS_STARTED_SIGNAL);
export const cautionState = defineQuery<CautionWorkflowState>(CAUTION_STATE_QUERY);

const activities = proxyActivities<CautionActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: writing the caution's state must eventually succeed (e.g. after a database outage).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One conditional caution, from issue to its end (domain.md 2.1.10–2.1.13, 2.6.4–2.6.6): reminds before each
 * condition (or instalment) is due, opens a breach assessment when one is missed, waits for the decision, and
 * completes when every condition is evidenced. For a summary-only offence it escalates as the last date to lay an
 * information approaches and marks the offence statute-barred after it. Durable timers: it survives restarts.
 *
 * The decisions are in caution-state.ts (pure); this function only waits and runs effects. Versioning: any change
 * to the order of activities or timers must be guarded with patched('<change-id>') so that histories recorded
 * before the change still replay (test/workflows/caution.replay.int-spec.ts fails otherwise).
 */
export async function conditionalCautionWorkflow(input: CautionWorkflowInput): Promise<CautionWorkflowState> {
  const state = initialCautionState(input);
  const inbox: CautionSignal[] = [];
  setHandler(conditionEvidenced, (s) => void inbox.push({ type: 'evidence', ...s }));
  setHandler(completionExtended, (s) => void inbox.push({ type: 'extension', ...s }));
  setHandler(conditionsVaried, (s) => void inbox.push({ type: 'variation', ...s }));
  setHandler(breachDecided, (s) => void inbox.push({ type: 'breachDecision', ...s }));
  setHandler(proceedingsStarted, (s) => void inbox.push({ type: 'proceedings', ...s }));
  setHandler(cautionState, () => state);

  let written = 0;
  const write = async (effects: CautionEffect[]) => {
    // The database first, so a reminder or a task never points at a state the API does not show yet.
    if (state.stateVersion !== written) {
      await activities.syncCautionState(snapshotOf(state, input));
      written = state.stateVersion;
    }
    for (const effect of effects) await run(effect);
  };
  const run = async (effect: CautionEffect) => {
    const base = { cautionId: input.cautionId, correlationId: input.correlationId };
    switch (effect.kind) {
      case 'remind':
        return activities.remindConditionDue({
          ...base,
          itemId: effect.item.itemId,
          conditionId: effect.item.conditionId,
          instalmentNumber: effect.item.instalmentNumber,
          dueDate: effect.item.dueDate,
        });
      case 'breachOpened':
        return activities.openBreachAssessment({
          ...base,
          breachId: effect.breach.breachId,
          detectedOn: effect.breach.detectedOn,
          missedItems: effect.items.map((i) => ({
            conditionId: i.conditionId,
            instalmentNumber: i.instalmentNumber,
            dueDate: i.dueDate,
          })),
        });
      case 'completed':
        return activities.recordCautionCompleted({ ...base, completedOn: effect.completedOn });
      case 'timeLimit':
        return activities.escalateTimeLimit({
          ...base,
          status: effect.status,
          lastDateToLay: effect.lastDateToLay,
        });
    }
  };

  await write(applyClock(state, Date.now(), input, uuid4));
  while (!isTerminal(state)) {
    if (inbox.length === 0) {
      const wakeAt = nextWakeAt(state, input);
      if (wakeAt === null) await condition(() => inbox.length > 0);
      else if (wakeAt > Date.now()) await condition(() => inbox.length > 0, wakeAt - Date.now());
    }
    const effects: CautionEffect[] = [];
    while (inbox.length > 0) effects.push(...applySignal(state, inbox.shift()!, input));
    effects.push(...applyClock(state, Date.now(), input, uuid4));
    await write(effects);
  }
  return state;
}
