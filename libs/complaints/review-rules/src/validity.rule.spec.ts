import {
  assessValidity,
  decideToProceed,
  isRequestForInformationOverdue,
  requestForInformation,
  type ApplicationContents,
  type ProceedOverride,
} from './validity.rule';
import { InvalidReviewInputError, ProceedOverrideRejectedError } from './review-rules.errors';

const complete: ApplicationContents = {
  inWriting: true,
  complaintDetails: 'Officer was rude during a stop on 3 March.',
  complaintDate: '2025-03-04',
  appropriateAuthority: 'Kent Police',
  outcomeDate: '2025-04-01',
};

describe('assessValidity (domain.md 1.2.6 [U], 1.5.4)', () => {
  it.each<[string, Partial<ApplicationContents>, string[]]>([
    ['complete', {}, []],
    ['not in writing', { inWriting: false }, ['IN_WRITING']],
    ['no complaint details', { complaintDetails: undefined }, ['COMPLAINT_DETAILS']],
    ['blank complaint details', { complaintDetails: '  ' }, ['COMPLAINT_DETAILS']],
    ['no complaint date', { complaintDate: undefined }, ['COMPLAINT_DATE']],
    ['unreadable complaint date', { complaintDate: 'March' }, ['COMPLAINT_DATE']],
    ['no appropriate authority', { appropriateAuthority: '' }, ['APPROPRIATE_AUTHORITY']],
    ['no outcome date', { outcomeDate: undefined }, ['OUTCOME_DATE']],
    [
      'several missing',
      { complaintDate: undefined, outcomeDate: undefined },
      ['COMPLAINT_DATE', 'OUTCOME_DATE'],
    ],
  ])('%s → missing %j', (_label, change, missing) => {
    const result = assessValidity({ ...complete, ...change });
    expect(result.missing).toEqual(missing);
    expect(result.complete).toBe(missing.length === 0);
    // 1.5.4: missing items produce a request for information, never a rejection
    expect(result.requestForInformationRequired).toBe(missing.length > 0);
    expect(result.checks).toHaveLength(5);
  });

  it('takes the required items from config', () => {
    // domain.md 1.2.6 [U]: the list is configurable
    const result = assessValidity(
      { ...complete, complaintDate: undefined },
      { validity: { requiredItems: ['IN_WRITING'] } },
    );
    expect(result.missing).toEqual([]);
    expect(result.checks.find((c) => c.item === 'COMPLAINT_DATE')).toMatchObject({
      present: false,
      required: false,
    });
  });
});

describe('requestForInformation ([U] response period, default 28 calendar days)', () => {
  it.each<[string, string, object, string]>([
    ['default 28 calendar days', '2025-04-01', {}, '2025-04-29'],
    [
      '10 working days',
      '2025-04-01',
      { validity: { requestForInformationResponse: { days: 10, unit: 'WORKING_DAYS' } } },
      '2025-04-15',
    ],
    [
      '5 working days across Easter',
      '2025-04-14',
      { validity: { requestForInformationResponse: { days: 5, unit: 'WORKING_DAYS' } } },
      '2025-04-23',
    ],
  ])('%s: requested %s → respond by %s', (_label, requestedOn, config, respondBy) => {
    const request = requestForInformation(['COMPLAINT_DATE'], requestedOn, config);
    expect(request.respondBy).toBe(respondBy);
    expect(request.items).toEqual(['COMPLAINT_DATE']);
  });

  it('has nothing to request when nothing is missing', () => {
    expect(() => requestForInformation([], '2025-04-01')).toThrow(InvalidReviewInputError);
  });

  it.each([
    ['2025-04-29', false],
    ['2025-04-30', true],
  ])('overdue on %s: %p', (asOf, overdue) => {
    expect(isRequestForInformationOverdue(requestForInformation(['OUTCOME_DATE'], '2025-04-01'), asOf)).toBe(
      overdue,
    );
  });
});

describe('decideToProceed (domain.md 1.2.6 [U]: may proceed despite missing items; 1.5.4 needs a reason)', () => {
  const missingDate = assessValidity({ ...complete, complaintDate: undefined });
  const override: ProceedOverride = {
    reason: 'Complaint date is on the PSD file; no need to ask the complainant.',
    recordedBy: 'Review Officer J. Smith',
    recordedOn: '2025-04-10',
  };

  it.each([
    ['complete application', assessValidity(complete), undefined, true, 'COMPLETE'],
    ['missing item, no override', missingDate, undefined, false, 'AWAITING_INFORMATION'],
    ['missing item, reasoned override', missingDate, override, true, 'OVERRIDE'],
  ])('%s → mayProceed %p (%s)', (_label, assessment, given, mayProceed, basis) => {
    const decision = decideToProceed(assessment, given);
    expect([decision.mayProceed, decision.basis]).toEqual([mayProceed, basis]);
  });

  it('records what the override waived', () => {
    expect(decideToProceed(missingDate, override).waived).toEqual(['COMPLAINT_DATE']);
  });

  it.each<[string, Partial<ProceedOverride>]>([
    ['blank reason', { reason: ' ' }],
    ['no recorder', { recordedBy: '' }],
    ['bad date', { recordedOn: 'today' }],
  ])('refuses an override with %s', (_label, change) => {
    expect(() => decideToProceed(missingDate, { ...override, ...change })).toThrow(
      ProceedOverrideRejectedError,
    );
  });

  it('will not waive an item config marks as not overridable', () => {
    // domain.md 1.2.6 [U]: whether "in writing" can be waived is a policy choice
    const notWritten = assessValidity({ ...complete, inWriting: false });
    const decision = decideToProceed(notWritten, override, {
      validity: {
        overridableItems: ['COMPLAINT_DETAILS', 'COMPLAINT_DATE', 'APPROPRIATE_AUTHORITY', 'OUTCOME_DATE'],
      },
    });
    expect(decision).toMatchObject({ mayProceed: false, basis: 'NOT_OVERRIDABLE', blocking: ['IN_WRITING'] });
  });
});
