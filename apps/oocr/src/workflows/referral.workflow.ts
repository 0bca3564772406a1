import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ReferralActivities } from '../reviews/referral.activities';
import {
  REFERRAL_ACTIONS_COMPLETED_SIGNAL,
  REFERRAL_STATE_QUERY,
  ReferralFollowUpInput,
  ReferralFollowUpState,
} from './referral.types';

export const referralActionsCompleted = defineSignal(REFERRAL_ACTIONS_COMPLETED_SIGNAL);
export const referralState = defineQuery<ReferralFollowUpState>(REFERRAL_STATE_QUERY);

const activities = proxyActivities<ReferralActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Follows a community resolution referred back to the issuing officer: reminds them at a fixed interval until the
 * required actions are recorded as done, and raises a supervisor task once they are overdue.
 */
export async function referralFollowUpWorkflow(input: ReferralFollowUpInput): Promise<ReferralFollowUpState> {
  const state: ReferralFollowUpState = { status: 'OPEN', reminders: 0, escalated: false };
  setHandler(referralActionsCompleted, () => void (state.status = 'DONE'));
  setHandler(referralState, () => state);

  let nextReminderAt = Date.now() + input.reminderEveryMs;
  const overdueAt = Date.parse(input.overdueAt);
  while (state.status === 'OPEN') {
    const wakeAt = Math.min(
      state.reminders < input.maxReminders ? nextReminderAt : Infinity,
      state.escalated ? Infinity : overdueAt,
    );
    if (wakeAt === Infinity) {
      await condition(() => state.status === 'DONE');
      break;
    }
    if (await condition(() => state.status === 'DONE', Math.max(0, wakeAt - Date.now()))) break;
    const now = Date.now();
    if (!state.escalated && now >= overdueAt) {
      state.escalated = true;
      const { open } = await activities.escalateOverdueReferral({
        referralId: input.referralId,
        disposalId: input.disposalId,
        dueOn: input.dueOn,
        correlationId: input.correlationId,
      });
      if (!open) state.status = 'DONE';
    }
    if (state.status === 'OPEN' && state.reminders < input.maxReminders && now >= nextReminderAt) {
      state.reminders++;
      const { open } = await activities.remindReferralOpen({
        referralId: input.referralId,
        disposalId: input.disposalId,
        officerId: input.officerId,
        reminderNumber: state.reminders,
        dueOn: input.dueOn,
        correlationId: input.correlationId,
      });
      if (!open) state.status = 'DONE';
      nextReminderAt += input.reminderEveryMs;
    }
  }
  return state;
}
