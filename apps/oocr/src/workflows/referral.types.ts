/** Shared by the referral follow-up workflow, its activities and its callers: types and constants only. */
export const REFERRAL_WORKFLOW = 'referralFollowUpWorkflow';
export const REFERRAL_ACTIONS_COMPLETED_SIGNAL = 'referralActionsCompleted';
export const REFERRAL_STATE_QUERY = 'state';

export function referralWorkflowId(referralId: string): string {
  return `oocr-referral-${referralId}`;
}

export interface ReferralFollowUpInput {
  referralId: string;
  disposalId: string;
  officerId: string;
  dueOn: string;
  /** End of the due day (UK): the supervisor is told if the actions are still open then. */
  overdueAt: string;
  reminderEveryMs: number;
  maxReminders: number;
  correlationId: string;
}

export interface ReferralFollowUpState {
  status: 'OPEN' | 'DONE';
  reminders: number;
  escalated: boolean;
}
