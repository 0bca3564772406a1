import { checkClosure } from './case-readiness.rule';

/** Closure problems for a case missing an item, asked for, with the given reply date. Test use only. */
export function closureProblemCodes(replyDueOn: string, today: string, earlyCloseReason?: string): string[] {
  return checkClosure(
    'INSUFFICIENT_INFORMATION',
    {
      eligibilityRoute: 'REVIEW',
      reviewBody: 'LOCAL_POLICING_BODY',
      validityMissing: ['COMPLAINT_DATE'],
      proceedDespiteMissingReason: null,
      informationRequested: true,
      informationReplyDueOn: replyDueOn,
      awaitingExtensionDecision: false,
    },
    { today, earlyCloseReason },
  ).map((p) => p.code);
}
