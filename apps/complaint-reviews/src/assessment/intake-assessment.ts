import {
  applicationTimeliness,
  assessEligibility,
  assessTimeLimit,
  assessValidity,
  MissingTimeLimitStartDateError,
  type ApplicationTimeliness,
  type ComplaintHandlingMethod,
  type EligibilityRoute,
  type GateResult,
  type IopcInvestigationType,
  type ReviewRulesConfigOverride,
  type TimeLimitAssessment,
  type ValidityAssessment,
} from '@oversight/complaint-review-rules';

/** What the application says, as stored. Dates are YYYY-MM-DD. */
export interface IntakeFacts {
  handling: 'INVESTIGATED' | 'OTHERWISE_THAN_BY_INVESTIGATION' | 'NOT_UNDER_SCHEDULE_3';
  iopcInvestigation: IopcInvestigationType;
  complaintDate?: string;
  outcomeLetterDate?: string;
  outcomeInformationProvidedOn?: string;
  receivedOn: string;
  wrongBody?: { receivedOn: string; forwardedOn: string };
  inWriting: boolean;
  grounds: string;
  appropriateAuthority?: string;
}

export type NotAssessed = 'NOT_ASSESSED';

export interface IntakeAssessment {
  eligibility: {
    route: EligibilityRoute | NotAssessed;
    gates: readonly GateResult[];
    notAssessedReason?: string;
  };
  timeLimit: {
    status: 'IN_TIME' | 'OUT_OF_TIME' | NotAssessed;
    assessment?: TimeLimitAssessment;
    notAssessedReason?: string;
  };
  timeliness: ApplicationTimeliness | NotAssessed;
  validity: ValidityAssessment;
}

const HANDLING: Record<IntakeFacts['handling'], ComplaintHandlingMethod> = {
  INVESTIGATED: 'SCHEDULE_3_INVESTIGATION',
  OTHERWISE_THAN_BY_INVESTIGATION: 'SCHEDULE_3_OTHERWISE_THAN_BY_INVESTIGATION',
  NOT_UNDER_SCHEDULE_3: 'NOT_UNDER_SCHEDULE_3',
};

/**
 * Runs the intake rules of @oversight/complaint-review-rules on a new application. Nothing here
 * rejects: a gate that fails, a late application or a missing item is recorded with its reason for a
 * person to act on (domain.md 1.5.3, 1.5.4, 1.5.6). A rule that needs a date the applicant did not give
 * is recorded as NOT_ASSESSED with the reason, and the missing date shows in the validity checklist.
 */
export function assessIntake(facts: IntakeFacts, config: ReviewRulesConfigOverride): IntakeAssessment {
  return {
    eligibility: eligibilityOf(facts, config),
    ...timeLimitOf(facts, config),
    validity: assessValidity(
      {
        inWriting: facts.inWriting,
        complaintDetails: facts.grounds,
        complaintDate: facts.complaintDate,
        appropriateAuthority: facts.appropriateAuthority,
        outcomeDate: facts.outcomeInformationProvidedOn ?? facts.outcomeLetterDate,
      },
      config,
    ),
  };
}

function eligibilityOf(
  facts: IntakeFacts,
  config: ReviewRulesConfigOverride,
): IntakeAssessment['eligibility'] {
  if (!facts.complaintDate)
    return {
      route: 'NOT_ASSESSED',
      gates: [],
      notAssessedReason:
        'The date of the complaint is missing, so whether the review regime applies (domain.md 1.1.3) cannot be decided yet.',
    };
  const result = assessEligibility(
    {
      handling: HANDLING[facts.handling],
      iopcInvestigation: facts.iopcInvestigation,
      complaintMadeOn: facts.complaintDate,
    },
    config,
  );
  return { route: result.route, gates: result.gates };
}

function timeLimitOf(
  facts: IntakeFacts,
  config: ReviewRulesConfigOverride,
): Pick<IntakeAssessment, 'timeLimit' | 'timeliness'> {
  try {
    const assessment = assessTimeLimit(
      {
        outcomeInformationProvidedOn: facts.outcomeInformationProvidedOn,
        outcomeLetterDatedOn: facts.outcomeLetterDate,
        receivedOn: facts.receivedOn,
        wrongBodyPeriods: facts.wrongBody
          ? [{ receivedByWrongBodyOn: facts.wrongBody.receivedOn, forwardedOn: facts.wrongBody.forwardedOn }]
          : [],
      },
      config,
    );
    return {
      timeLimit: { status: assessment.status, assessment },
      timeliness: applicationTimeliness(assessment),
    };
  } catch (err) {
    if (!(err instanceof MissingTimeLimitStartDateError)) throw err;
    return {
      timeLimit: { status: 'NOT_ASSESSED', notAssessedReason: err.message },
      timeliness: 'NOT_ASSESSED',
    };
  }
}
