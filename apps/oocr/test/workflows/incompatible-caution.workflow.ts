// Deliberately incompatible versions of the workflows, for the replay test only: they prove that replaying the
// recorded histories does catch a change that would break running workflows.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { CautionActivities } from '../../src/cautions/caution.activities';
import { conditionalCautionWorkflow as current } from '../../src/workflows/caution.workflow';
import type { CautionWorkflowInput, CautionWorkflowState } from '../../src/workflows/caution.types';
import { referralFollowUpWorkflow as currentReferral } from '../../src/workflows/referral.workflow';
import type { ReferralFollowUpInput, ReferralFollowUpState } from '../../src/workflows/referral.types';

const { escalateTimeLimit } = proxyActivities<CautionActivities>({ startToCloseTimeout: '30 seconds' });

export async function conditionalCautionWorkflow(input: CautionWorkflowInput): Promise<CautionWorkflowState> {
  // The breaking change: an extra activity before anything else.
  await escalateTimeLimit({
    cautionId: input.cautionId,
    correlationId: input.correlationId,
    status: 'APPROACHING',
    lastDateToLay: input.issueDate,
  });
  return current(input);
}

export async function referralFollowUpWorkflow(input: ReferralFollowUpInput): Promise<ReferralFollowUpState> {
  await sleep('1 minute'); // the breaking change: an extra timer first
  return currentReferral(input);
}
