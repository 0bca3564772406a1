import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { EpisodeActivities } from '../episodes/episode.activities';
import {
  addDaysIso,
  addMonthsIso,
  daysBetweenIso,
  END_EPISODE_EARLY_SIGNAL,
  EPISODE_STATE_QUERY,
  EpisodeInput,
  EpisodeState,
  EXTEND_EPISODE_SIGNAL,
  TAG_REMOVED_SIGNAL,
  workInstant,
} from './episode.types';

export const extendEpisode = defineSignal<[{ plannedEnd: string }]>(EXTEND_EPISODE_SIGNAL);
export const endEpisodeEarly = defineSignal<[{ on: string; reason: string }]>(END_EPISODE_EARLY_SIGNAL);
export const tagRemoved = defineSignal<[{ removedOn: string }]>(TAG_REMOVED_SIGNAL);
export const episodeState = defineQuery<EpisodeState>(EPISODE_STATE_QUERY);

const activities = proxyActivities<EpisodeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One voluntary tag episode, from fitting to the last follow-up (domain.md 3.1.3, 3.4.3; vru-notes 3.5).
 * Every day while the tag is on: the day's work (next-working-day data review, contact by risk cadence, the
 * planned-end reminder, removal due at the planned end, escalation when removal is overdue). After removal:
 * outcome follow-ups at 3, 6 and 9 months. Nothing here enforces anything: the episode is voluntary.
 */
export async function tagEpisodeWorkflow(input: EpisodeInput): Promise<EpisodeState> {
  const state: EpisodeState = {
    status: 'ACTIVE',
    plannedEnd: input.plannedEnd,
    day: input.fittedOn,
    removalDueOn: null,
    removedOn: null,
    contacts: 0,
    escalated: false,
    followUpsRaised: [],
  };
  setHandler(extendEpisode, ({ plannedEnd }) => {
    if (state.status === 'ACTIVE') state.plannedEnd = plannedEnd;
  });
  setHandler(endEpisodeEarly, ({ on }) => {
    if (state.status === 'ACTIVE') {
      state.status = 'REMOVAL_DUE';
      state.removalDueOn = on;
    }
  });
  setHandler(tagRemoved, ({ removedOn }) => {
    if (state.status === 'ACTIVE' || state.status === 'REMOVAL_DUE') {
      state.status = 'REMOVED';
      state.removedOn = removedOn;
    }
  });
  setHandler(episodeState, () => state);

  const removed = () => state.status === 'REMOVED';
  while (!removed()) {
    const next = addDaysIso(state.day, 1);
    if (await condition(removed, Math.max(0, workInstant(next) - Date.now()))) break;
    state.day = next;
    const sinceFit = daysBetweenIso(input.fittedOn, next);
    const endDue = state.status === 'ACTIVE' && next >= state.plannedEnd;
    if (endDue) {
      state.status = 'REMOVAL_DUE';
      state.removalDueOn = state.plannedEnd;
    }
    const work = {
      contact: state.status === 'ACTIVE' && sinceFit % input.contactEveryDays === 0,
      endReminder:
        state.status === 'ACTIVE' && next === addDaysIso(state.plannedEnd, -input.plannedEndReminderDays),
      endDue,
      removalOverdue:
        !state.escalated &&
        state.removalDueOn !== null &&
        next >= addDaysIso(state.removalDueOn, input.removalOverdueDays),
    };
    if (work.contact) state.contacts++;
    if (work.removalOverdue) state.escalated = true;
    const recorded = await activities.recordEpisodeDay({
      referralId: input.referralId,
      reference: input.reference,
      day: next,
      plannedEnd: state.plannedEnd,
      work,
      correlationId: input.correlationId,
    });
    // The record is the truth: a signal lost while the workflow was starting is caught up here.
    if (recorded.removedOn && !removed()) {
      state.status = 'REMOVED';
      state.removedOn = recorded.removedOn;
    } else if (state.status === 'ACTIVE' && recorded.endedEarlyOn) {
      state.status = 'REMOVAL_DUE';
      state.removalDueOn = recorded.endedEarlyOn;
    } else if (state.status === 'ACTIVE') state.plannedEnd = recorded.plannedEnd;
  }

  const removedOn = state.removedOn!;
  for (const months of input.followUpMonths) {
    const dueOn = addMonthsIso(removedOn, months);
    const wait = workInstant(dueOn) - Date.now();
    if (wait > 0) await sleep(wait);
    await activities.raiseFollowUp({
      referralId: input.referralId,
      reference: input.reference,
      months,
      dueOn,
      correlationId: input.correlationId,
    });
    state.followUpsRaised.push(months);
  }
  state.status = 'FOLLOWED_UP';
  return state;
}
