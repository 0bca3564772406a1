import { determineReviewBody, isSeniorOfficer, type ReviewBodyTriage } from './review-body.rule';
import { IncompleteReviewBodyTriageError, InvalidReviewInputError } from './review-rules.errors';

const allNo: ReviewBodyTriage = {
  concernsSeniorOfficer: false,
  couldNotRuleOutProceedingsOrArticle2Or3: false,
  referredOrMustBeReferredToIopc: false,
  treatedAsReferredByIopc: false,
  sameIncidentAsIopcComplaint: false,
  anyPartWithinIopcCriteria: false,
  appropriateAuthorityIsLocalPolicingBody: false,
};

describe('determineReviewBody', () => {
  it('every answer no → the local policing body (domain.md 1.3.3 [S])', () => {
    const decision = determineReviewBody(allNo);
    expect(decision).toMatchObject({
      reviewBody: 'LOCAL_POLICING_BODY',
      reasons: [],
      forwardAndNotifyRequired: false,
    });
  });

  it.each<[keyof ReviewBodyTriage, string]>([
    ['concernsSeniorOfficer', '1.3.1(a) [P]'],
    ['couldNotRuleOutProceedingsOrArticle2Or3', '1.3.1(b) [P]'],
    ['referredOrMustBeReferredToIopc', '1.3.1(c) [P]'],
    ['treatedAsReferredByIopc', '1.3.1(d) [P]'],
    ['sameIncidentAsIopcComplaint', '1.3.1(e) [P]'],
    ['anyPartWithinIopcCriteria', '1.3.1(f) [P]'],
    ['appropriateAuthorityIsLocalPolicingBody', '1.3.2 [S]'],
  ])('%s alone → IOPC, citing domain.md %s', (criterion, rule) => {
    const decision = determineReviewBody({ ...allNo, [criterion]: true });
    expect(decision.reviewBody).toBe('IOPC');
    expect(decision.reasons).toEqual([expect.objectContaining({ criterion, rule })]);
    // domain.md 1.2.4 [P]: the LPB must forward it and tell the applicant
    expect(decision.forwardAndNotifyRequired).toBe(true);
  });

  it('lists every reason when several apply (domain.md 1.3.1 [P], 1.5.5)', () => {
    const decision = determineReviewBody({
      ...allNo,
      concernsSeniorOfficer: true,
      anyPartWithinIopcCriteria: true,
    });
    expect(decision.reasons.map((r) => r.criterion)).toEqual([
      'concernsSeniorOfficer',
      'anyPartWithinIopcCriteria',
    ]);
  });

  it('no forwarding is needed when the IOPC received it itself', () => {
    expect(
      determineReviewBody({ ...allNo, concernsSeniorOfficer: true }, 'IOPC').forwardAndNotifyRequired,
    ).toBe(false);
  });

  it('the chief-constable route can be switched off (domain.md 1.3.2 [S] is configurable)', () => {
    const decision = determineReviewBody(
      { ...allNo, appropriateAuthorityIsLocalPolicingBody: true },
      'LOCAL_POLICING_BODY',
      { routing: { appropriateAuthorityIsLpbRoutesToIopc: false } },
    );
    expect(decision.reviewBody).toBe('LOCAL_POLICING_BODY');
  });

  it('refuses a checklist with an unanswered question rather than reading it as "no"', () => {
    const { treatedAsReferredByIopc: _omitted, ...partial } = allNo;
    expect(() => determineReviewBody(partial as ReviewBodyTriage)).toThrow(IncompleteReviewBodyTriageError);
    expect(() => determineReviewBody(partial as ReviewBodyTriage)).toThrow(/treatedAsReferredByIopc/);
  });
});

describe('isSeniorOfficer (domain.md 1.3.1(a) [P]: above chief superintendent)', () => {
  it.each([
    ['CONSTABLE', false],
    ['SUPERINTENDENT', false],
    ['CHIEF_SUPERINTENDENT', false],
    ['ASSISTANT_CHIEF_CONSTABLE', true],
    ['COMMANDER', true],
    ['DEPUTY_CHIEF_CONSTABLE', true],
    ['CHIEF_CONSTABLE', true],
  ] as const)('%s → %p', (rank, senior) => {
    expect(isSeniorOfficer(rank)).toBe(senior);
  });

  it('refuses an unknown rank', () => {
    expect(() => isSeniorOfficer('MAJOR' as never)).toThrow(InvalidReviewInputError);
  });
});
