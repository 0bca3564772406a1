import { checkClosure, checkReadyForDecision, type CaseStanding } from './case-readiness.rule';

const ready: CaseStanding = {
  eligibilityRoute: 'REVIEW',
  reviewBody: 'LOCAL_POLICING_BODY',
  validityMissing: [],
  proceedDespiteMissingReason: null,
  informationRequested: false,
  awaitingExtensionDecision: false,
};

describe('checkReadyForDecision: a decision takes no shortcut past the earlier checks', () => {
  it.each<[string, Partial<CaseStanding>, string[]]>([
    ['eligible, in time, OPCC confirmed, nothing missing', {}, []],
    // 1.2.5: a late application needs its extension decision first.
    ['late, no extension decision yet', { awaitingExtensionDecision: true }, ['AWAITING_EXTENSION_DECISION']],
    // 1.3.1: the checklist decides who reviews.
    ['review body not assessed', { reviewBody: null }, ['REVIEW_BODY_NOT_ASSESSED']],
    ['the IOPC is the review body', { reviewBody: 'IOPC' }, ['IOPC_IS_REVIEW_BODY']],
    // 1.1.1–1.1.3 / 1.5.6: ineligible and legacy applications are closed, not decided.
    ['not eligible', { eligibilityRoute: 'NOT_ELIGIBLE' }, ['NOT_ELIGIBLE_FOR_REVIEW']],
    ['legacy appeal route', { eligibilityRoute: 'LEGACY_APPEAL' }, ['NOT_ELIGIBLE_FOR_REVIEW']],
    // 1.2.6 / 1.5.4: missing items supplied, or waived with a reason.
    [
      'an item missing, no reason to proceed',
      { validityMissing: ['COMPLAINT_DATE'] },
      ['VALIDITY_UNRESOLVED'],
    ],
    [
      'an item missing, a blank reason',
      { validityMissing: ['COMPLAINT_DATE'], proceedDespiteMissingReason: ' ' },
      ['VALIDITY_UNRESOLVED'],
    ],
    [
      'an item missing, proceeding with a reason (eligibility not assessable without the date)',
      {
        validityMissing: ['COMPLAINT_DATE'],
        proceedDespiteMissingReason: 'Date in the PSD file',
        eligibilityRoute: 'NOT_ASSESSED',
      },
      [],
    ],
    [
      'several at once',
      { reviewBody: null, eligibilityRoute: 'NOT_ELIGIBLE', validityMissing: ['OUTCOME_DATE'] },
      ['REVIEW_BODY_NOT_ASSESSED', 'NOT_ELIGIBLE_FOR_REVIEW', 'VALIDITY_UNRESOLVED'],
    ],
  ])('%s', (_name, standing, expected) => {
    expect(checkReadyForDecision({ ...ready, ...standing }).map((p) => p.code)).toEqual(expected);
  });
});

describe('checkClosure: closing without a decision only where the record supports it', () => {
  it.each<[string, string, Partial<CaseStanding>, string[]]>([
    // 1.2.6 / 1.5.4: missing items never close a case by themselves; the applicant is asked first.
    [
      'insufficient information after asking',
      'INSUFFICIENT_INFORMATION',
      { validityMissing: ['OUTCOME_DATE'], informationRequested: true },
      [],
    ],
    [
      'insufficient information without asking',
      'INSUFFICIENT_INFORMATION',
      { validityMissing: ['OUTCOME_DATE'] },
      ['INFORMATION_NOT_REQUESTED'],
    ],
    [
      'insufficient information with nothing missing',
      'INSUFFICIENT_INFORMATION',
      { informationRequested: true },
      ['NOTHING_MISSING'],
    ],
    // 1.1.1–1.1.2: the gates, not the reviewer's say-so, make an application ineligible.
    ['not eligible when the gates say so', 'NOT_ELIGIBLE', { eligibilityRoute: 'NOT_ELIGIBLE' }, []],
    ['not eligible when the gates say REVIEW', 'NOT_ELIGIBLE', {}, ['ELIGIBLE']],
    // 1.1.3: complaints before 1 February 2020 go the appeal route.
    [
      'legacy route for a pre-2020 complaint',
      'LEGACY_APPEAL_ROUTE',
      { eligibilityRoute: 'LEGACY_APPEAL' },
      [],
    ],
    ['legacy route for a recent complaint', 'LEGACY_APPEAL_ROUTE', {}, ['NOT_LEGACY']],
    ['an unknown reason', 'BORED', {}, ['UNKNOWN_CLOSURE_REASON']],
  ])('%s', (_name, reason, standing, expected) => {
    expect(checkClosure(reason, { ...ready, ...standing }).map((p) => p.code)).toEqual(expected);
  });
});
