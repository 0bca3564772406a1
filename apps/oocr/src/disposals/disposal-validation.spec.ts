import { resolveOocrRulesConfig, type OocrRuleCode } from '@oversight/oocr-rules';
import { OocrSettings } from '../config/oocr-settings';
import { timeLimitOnNewCompletionDate, validateDisposal, ValidationContext } from './disposal-validation';
import type { DisposalInput } from './disposal.input';

// Every validation rule of the disposal API, one row each, citing domain.md. Each row starts from a valid disposal
// and breaks exactly one thing; the row passes when the expected rule (and only the expected rule) is reported.

const settings = OocrSettings.defaults();
const ctx: ValidationContext = {
  rules: settings.rules,
  districts: settings.districts,
  today: '2026-06-30',
  actor: 'cjops.dan',
};

/** A valid adult conditional caution, issued 2026-03-02 for an either-way theft. */
function acc(): DisposalInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: '2026-03-02',
    district: 'dartford',
    offender: {
      fullName: 'Jordan Blake',
      dateOfBirth: '1990-04-12',
      gender: 'MALE',
      ethnicity: 'W1',
      email: 'jb@example.org',
    },
    offence: {
      code: '49/1',
      description: 'Theft from a shop',
      classification: 'EITHER_WAY',
      offenceDate: '2026-02-20',
      offenceGroup: 'THEFT',
    },
    issuingOfficer: { id: 'pc.4471' },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: 'DOC-1', signedOn: '2026-03-02' },
    victims: [
      {
        views: {
          soughtOn: '2026-02-25',
          method: 'telephone',
          outcome: 'VIEWS_GIVEN',
          views: 'Wants the goods paid for',
        },
      },
    ],
    conditions: [
      {
        purpose: 'REHABILITATIVE',
        kind: 'COURSE',
        description: 'Victim awareness course',
        dueDate: '2026-05-01',
      },
      {
        purpose: 'REPARATIVE',
        kind: 'COMPENSATION',
        description: 'Pay for the goods',
        amountPence: 4500,
        dueDate: '2026-06-01',
      },
    ],
  };
}

/** A valid adult community resolution. */
function cr(): DisposalInput {
  return {
    disposalType: 'COMMUNITY_RESOLUTION',
    issueDate: '2026-03-02',
    district: 'thanet',
    offender: { fullName: 'Casey Morrow', dateOfBirth: '2001-09-30' },
    offence: {
      code: '58C',
      description: 'Criminal damage',
      classification: 'EITHER_WAY',
      offenceDate: '2026-03-01',
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    issuingOfficer: { id: 'pc.1001' },
    authoriser: { id: 'ps.2001', rank: 'SERGEANT' },
    admission: 'ACCEPTS_RESPONSIBILITY',
    victims: [
      {
        views: {
          soughtOn: '2026-03-01',
          method: 'in person',
          outcome: 'VIEWS_GIVEN',
          views: 'An apology and repair',
          agreement: 'AGREED',
        },
      },
    ],
    agreedActions: ['Written apology', 'Pay for the repair'],
  };
}

/** A valid youth conditional caution (aged 15). */
function ycc(): DisposalInput {
  return {
    ...acc(),
    disposalType: 'YOUTH_CONDITIONAL_CAUTION',
    offender: { fullName: 'Rory Pike', dateOfBirth: '2010-06-01' },
    appropriateAdultPresent: true,
    yotReferral: { referredOn: '2026-02-26', recommendation: 'Reparation project' },
  };
}

type Case = [label: string, cite: string, build: () => DisposalInput, rule: string | null];

const with_ =
  <T extends object>(base: () => T, change: (x: T) => void) =>
  () => {
    const x = base();
    change(x);
    return x;
  };

const cases: Case[] = [
  ['a valid adult conditional caution', '2.1', acc, null],
  ['a valid community resolution', '2.4', cr, null],
  ['a valid youth conditional caution', '2.3.2', ycc, null],
  [
    'an unknown disposal type',
    '2.6.1',
    with_(acc, (x) => (x.disposalType = 'SIMPLE_CAUTION')),
    'OOCR_DISPOSAL_TYPE_UNKNOWN',
  ],
  [
    'a PCSC diversionary caution (not commenced)',
    '2.2.2',
    with_(acc, (x) => (x.disposalType = 'DIVERSIONARY_CAUTION')),
    'OOCR_DISPOSAL_TYPE_NOT_ENABLED',
  ],
  [
    'a district not configured',
    'local config',
    with_(acc, (x) => (x.district = 'croydon')),
    'OOCR_DISTRICT_UNKNOWN',
  ],
  ['issued in the future', 'local', with_(cr, (x) => (x.issueDate = '2026-07-01')), 'OOCR_DATE_IN_FUTURE'],
  [
    'offence after issue',
    'local',
    with_(acc, (x) => (x.offence.offenceDate = '2026-03-03')),
    'OOCR_OFFENCE_AFTER_ISSUE',
  ],
  // Age fits type: adult 18+, youth 10–17.
  [
    'adult caution for a 17-year-old',
    '2.1.1',
    with_(acc, (x) => (x.offender.dateOfBirth = '2008-03-03')),
    'OOCR_AGE_BELOW_MINIMUM',
  ],
  [
    'adult caution on the 18th birthday',
    '2.1.1',
    with_(acc, (x) => (x.offender.dateOfBirth = '2008-03-02')),
    null,
  ],
  [
    'youth conditional caution for an 18-year-old',
    '2.3.2',
    with_(ycc, (x) => (x.offender.dateOfBirth = '2008-03-02')),
    'OOCR_AGE_ABOVE_MAXIMUM',
  ],
  [
    'youth conditional caution for a 9-year-old',
    '2.3.2',
    with_(ycc, (x) => (x.offender.dateOfBirth = '2016-06-01')),
    'OOCR_AGE_BELOW_MINIMUM',
  ],
  [
    'date of birth after the issue date',
    '2.1.1',
    with_(cr, (x) => (x.offender.dateOfBirth = '2026-04-01')),
    'OOCR_DATE_OF_BIRTH_AFTER_DISPOSAL',
  ],
  // Admission required, except Outcome 22 diversion.
  [
    'caution without an admission',
    '2.1.2(3)',
    with_(acc, (x) => (x.admission = 'ACCEPTS_RESPONSIBILITY')),
    'OOCR_ADMISSION_REQUIRED',
  ],
  [
    'community resolution with no acceptance',
    '2.4.1',
    with_(cr, (x) => (x.admission = 'NOT_ADMITTED')),
    'OOCR_ADMISSION_REQUIRED',
  ],
  [
    'Outcome 22 diversion without an admission',
    '2.5.1',
    with_(cr, (x) =>
      Object.assign(x, {
        disposalType: 'OUTCOME_22_DIVERSION',
        admission: 'NOT_ADMITTED',
        victims: [],
        agreedActions: [],
      }),
    ),
    null,
  ],
  [
    'Outcome 22 deferred caution without an admission',
    '2.5.1',
    with_(cr, (x) =>
      Object.assign(x, {
        disposalType: 'OUTCOME_22_DEFERRED_CAUTION',
        admission: 'NOT_ADMITTED',
        victims: [],
      }),
    ),
    'OOCR_ADMISSION_REQUIRED',
  ],
  [
    'caution without evidence to charge',
    '2.1.2(2)',
    with_(acc, (x) => (x.evidenceSufficientToCharge = false)),
    'OOCR_EVIDENCE_TO_CHARGE_REQUIRED',
  ],
  [
    'caution without the breach warning',
    '2.1.2(4)',
    with_(acc, (x) => (x.effectExplainedWithBreachWarning = undefined)),
    'OOCR_BREACH_WARNING_REQUIRED',
  ],
  // Signed consent for cautions.
  [
    'caution without signed consent',
    '2.1.2(5)',
    with_(acc, (x) => (x.signedConsent = undefined)),
    'OOCR_SIGNED_CONSENT_REQUIRED',
  ],
  [
    'consent signed after issue',
    '2.1.2(5)',
    with_(acc, (x) => (x.signedConsent = { documentRef: 'DOC-1', signedOn: '2026-03-03' })),
    'OOCR_SIGNED_CONSENT_AFTER_DISPOSAL',
  ],
  [
    'youth conditional caution without signed consent',
    '2.3.2',
    with_(ycc, (x) => (x.signedConsent = undefined)),
    'OOCR_SIGNED_CONSENT_REQUIRED',
  ],
  [
    'youth conditional caution without an appropriate adult',
    '2.3.2',
    with_(ycc, (x) => (x.appropriateAdultPresent = false)),
    'OOCR_APPROPRIATE_ADULT_REQUIRED',
  ],
  [
    'youth conditional caution without YOT referral',
    '2.3.4',
    with_(ycc, (x) => (x.yotReferral = undefined)),
    'OOCR_YOT_REFERRAL_REQUIRED',
  ],
  // Authoriser rank ≥ sergeant for a conditional caution.
  [
    'caution authorised by a constable',
    '2.1.3',
    with_(acc, (x) => (x.authoriser = { id: 'pc.1', rank: 'CONSTABLE' })),
    'OOCR_AUTHORISER_RANK_TOO_LOW',
  ],
  [
    'caution with no authoriser',
    '2.1.3',
    with_(acc, (x) => (x.authoriser = undefined)),
    'OOCR_AUTHORISER_REQUIRED',
  ],
  [
    'caution authorised by a DPP-authorised person',
    '2.1.3',
    with_(acc, (x) => (x.authoriser = { id: 'cps.9', dppAuthorised: true })),
    null,
  ],
  [
    'community resolution authorised by a constable (Kent SOP)',
    '2.4.6',
    with_(cr, (x) => (x.authoriser = { id: 'pc.1', rank: 'CONSTABLE' })),
    'OOCR_AUTHORISER_RANK_TOO_LOW',
  ],
  // Indictable-only needs a recorded prosecutor decision.
  [
    'indictable-only without a prosecutor decision',
    '2.1.3',
    with_(acc, (x) => (x.offence.classification = 'INDICTABLE_ONLY')),
    'OOCR_PROSECUTOR_DECISION_REQUIRED',
  ],
  [
    'indictable-only with a prosecutor decision',
    '2.1.3',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, classification: 'INDICTABLE_ONLY' },
        prosecutorDecision: { reference: 'CPS-1', decidedOn: '2026-03-01' },
      }),
    ),
    null,
  ],
  // Domestic abuse and hate crime: a warning acknowledged with a reason.
  [
    'domestic abuse flag not acknowledged',
    '2.1.3',
    with_(acc, (x) => (x.offence.domesticAbuse = true)),
    'OOCR_DOMESTIC_ABUSE_FLAG',
  ],
  [
    'domestic abuse flag acknowledged with a reason',
    '2.1.3',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, domesticAbuse: true },
        acknowledgements: [
          {
            rule: 'OOCR_DOMESTIC_ABUSE_FLAG',
            reason: 'Sibling dispute, not intimate partner; victim supports',
          },
        ],
      }),
    ),
    null,
  ],
  [
    'hate crime flag acknowledged without a reason',
    '2.4.6',
    with_(cr, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, hateCrime: true },
        acknowledgements: [{ rule: 'OOCR_HATE_CRIME_FLAG', reason: ' ' }],
      }),
    ),
    'OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED',
  ],
  [
    'hate crime flag not acknowledged',
    '2.4.6',
    with_(cr, (x) => (x.offence.hateCrime = true)),
    'OOCR_HATE_CRIME_FLAG',
  ],
  // Conditions.
  [
    'a caution with no conditions',
    '2.6.3',
    with_(acc, (x) => (x.conditions = [])),
    'OOCR_CONDITIONS_REQUIRED',
  ],
  [
    'conditions on a community resolution',
    '2.4.4',
    with_(cr, (x) => (x.conditions = acc().conditions)),
    'OOCR_CONDITIONS_NOT_PERMITTED',
  ],
  [
    'foreign-offender condition for a youth',
    '2.1.4',
    with_(ycc, (x) =>
      x.conditions!.push({
        purpose: 'FOREIGN_OFFENDER',
        kind: 'DEPARTURE_FROM_UK',
        description: 'Leave the UK',
        dueDate: '2026-05-01',
      }),
    ),
    'OOCR_CONDITION_PURPOSE_NOT_PERMITTED',
  ],
  [
    'restrictive condition serving no other purpose',
    '2.1.8',
    with_(acc, (x) =>
      x.conditions!.push({
        purpose: 'RESTRICTIVE',
        kind: 'RESTRICTION',
        description: 'Keep away from the shop',
        dueDate: '2026-05-01',
      }),
    ),
    'OOCR_RESTRICTIVE_CONDITION_UNSUPPORTED',
  ],
  [
    'unpaid work and punitive attendance 21 hours',
    '2.1.6',
    with_(acc, (x) =>
      x.conditions!.push(
        {
          purpose: 'REPARATIVE',
          kind: 'UNPAID_WORK',
          description: 'Community payback',
          hours: 15,
          dueDate: '2026-05-01',
        },
        { purpose: 'PUNITIVE', kind: 'ATTENDANCE', description: 'Attend', hours: 6, dueDate: '2026-05-01' },
      ),
    ),
    'OOCR_CONDITION_HOURS_EXCEEDED',
  ],
  [
    'rehabilitative attendance does not count towards 20 hours',
    '2.1.6',
    with_(acc, (x) =>
      x.conditions!.push(
        {
          purpose: 'REPARATIVE',
          kind: 'UNPAID_WORK',
          description: 'Community payback',
          hours: 20,
          dueDate: '2026-05-01',
        },
        {
          purpose: 'REHABILITATIVE',
          kind: 'ATTENDANCE',
          description: 'Drug treatment sessions',
          hours: 12,
          dueDate: '2026-05-01',
        },
      ),
    ),
    null,
  ],
  [
    '£51 penalty for a summary offence',
    '2.1.7',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, classification: 'SUMMARY_ONLY', offenceDate: '2026-02-28' },
        conditions: [
          {
            purpose: 'PUNITIVE',
            kind: 'FINANCIAL_PENALTY',
            description: 'Penalty',
            amountPence: 5100,
            dueDate: '2026-04-01',
          },
        ],
      }),
    ),
    'OOCR_FINANCIAL_PENALTY_EXCEEDED',
  ],
  [
    '£100 penalty for an either-way offence',
    '2.1.7',
    with_(acc, (x) =>
      x.conditions!.push({
        purpose: 'PUNITIVE',
        kind: 'FINANCIAL_PENALTY',
        description: 'Penalty',
        amountPence: 10000,
        dueDate: '2026-04-01',
      }),
    ),
    null,
  ],
  [
    '£100.01 penalty for an either-way offence',
    '2.1.7',
    with_(acc, (x) =>
      x.conditions!.push({
        purpose: 'PUNITIVE',
        kind: 'FINANCIAL_PENALTY',
        description: 'Penalty',
        amountPence: 10001,
        dueDate: '2026-04-01',
      }),
    ),
    'OOCR_FINANCIAL_PENALTY_EXCEEDED',
  ],
  [
    '£150 penalty for an indictable-only offence',
    '2.1.7',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, classification: 'INDICTABLE_ONLY' },
        prosecutorDecision: { reference: 'CPS-1', decidedOn: '2026-03-01' },
        conditions: [
          {
            purpose: 'PUNITIVE',
            kind: 'FINANCIAL_PENALTY',
            description: 'Penalty',
            amountPence: 15000,
            dueDate: '2026-04-01',
          },
        ],
      }),
    ),
    null,
  ],
  [
    'a condition due before issue',
    '2.6.3',
    with_(acc, (x) => (x.conditions![0].dueDate = '2026-03-01')),
    'OOCR_CONDITION_DUE_BEFORE_ISSUE',
  ],
  [
    'a condition due after completion (16 weeks)',
    '2.6.4',
    with_(acc, (x) => (x.conditions![0].dueDate = '2026-06-23')),
    'OOCR_CONDITION_DUE_AFTER_COMPLETION',
  ],
  [
    'a condition due on the 16-week date',
    '2.6.4',
    with_(acc, (x) => (x.conditions![0].dueDate = '2026-06-22')),
    null,
  ],
  // Payment plans.
  [
    'instalments that do not add up',
    'local',
    with_(
      acc,
      (x) =>
        (x.conditions![1].instalments = [
          { dueDate: '2026-04-01', amountPence: 2000 },
          { dueDate: '2026-05-01', amountPence: 2000 },
        ]),
    ),
    'OOCR_INSTALMENTS_TOTAL_MISMATCH',
  ],
  [
    'instalments that add up',
    'local',
    with_(
      acc,
      (x) =>
        (x.conditions![1].instalments = [
          { dueDate: '2026-04-01', amountPence: 2500 },
          { dueDate: '2026-05-01', amountPence: 2000 },
        ]),
    ),
    null,
  ],
  [
    'an instalment after the condition',
    'local',
    with_(
      acc,
      (x) =>
        (x.conditions![1].instalments = [
          { dueDate: '2026-04-01', amountPence: 2500 },
          { dueDate: '2026-06-02', amountPence: 2000 },
        ]),
    ),
    'OOCR_INSTALMENT_DUE_AFTER_CONDITION',
  ],
  [
    'instalments out of order',
    'local',
    with_(
      acc,
      (x) =>
        (x.conditions![1].instalments = [
          { dueDate: '2026-05-01', amountPence: 2500 },
          { dueDate: '2026-04-01', amountPence: 2000 },
        ]),
    ),
    'OOCR_INSTALMENTS_OUT_OF_ORDER',
  ],
  [
    'instalments on a course',
    'local',
    with_(acc, (x) =>
      Object.assign(x.conditions![0], {
        amountPence: 100,
        instalments: [{ dueDate: '2026-04-01', amountPence: 100 }],
      }),
    ),
    'OOCR_INSTALMENTS_NOT_PERMITTED',
  ],
  // Victim's views before conditions are finalised.
  [
    "no victim's views for a caution",
    '2.1.9',
    with_(acc, (x) => (x.victims = [])),
    'OOCR_VICTIM_VIEWS_REQUIRED',
  ],
  [
    'no identifiable victim',
    '2.1.9',
    with_(acc, (x) => Object.assign(x, { victims: [], hasIdentifiableVictim: false })),
    null,
  ],
  [
    'views sought after issue',
    '2.1.9',
    with_(acc, (x) => (x.victims![0].views.soughtOn = '2026-03-03')),
    'OOCR_VICTIM_VIEWS_AFTER_FINALISATION',
  ],
  [
    'requested Community Remedy action not attached, no reason',
    '2.1.9',
    with_(acc, (x) =>
      Object.assign(x.victims![0].views, {
        requestedAction: 'Restorative meeting',
        requestedActionAttached: false,
      }),
    ),
    'OOCR_VICTIM_REQUESTED_ACTION_REASON_REQUIRED',
  ],
  [
    'community resolution without the victim agreeing',
    '2.4.2',
    with_(cr, (x) => (x.victims![0].views.agreement = 'NOT_AGREED')),
    'OOCR_VICTIM_AGREEMENT_REQUIRED',
  ],
  [
    'supervisor override without a reason',
    '2.4.2',
    with_(cr, (x) => (x.victims![0].views.agreement = 'SUPERVISOR_OVERRIDE')),
    'OOCR_VICTIM_OVERRIDE_REASON_REQUIRED',
  ],
  // The 16-week clock and 20-week cap.
  [
    'completion after 16 weeks without a reason',
    '2.1.10',
    with_(acc, (x) => (x.completionDueDate = '2026-07-06')),
    'OOCR_COMPLETION_EXTENSION_REASON_REQUIRED',
  ],
  [
    'completion at 20 weeks with an exceptional reason',
    '2.1.10',
    with_(acc, (x) =>
      Object.assign(x, { completionDueDate: '2026-07-20', exceptionalReason: 'Course only runs in July' }),
    ),
    null,
  ],
  [
    'completion beyond 20 weeks whatever the reason',
    '2.1.10',
    with_(acc, (x) =>
      Object.assign(x, { completionDueDate: '2026-07-21', exceptionalReason: 'Course only runs in July' }),
    ),
    'OOCR_COMPLETION_BEYOND_MAXIMUM',
  ],
  [
    'a completion date for a community resolution',
    '2.4.4',
    with_(cr, (x) => (x.completionDueDate = '2026-05-01')),
    'OOCR_COMPLETION_CLOCK_NOT_APPLICABLE',
  ],
  // Summary-only time limit at issue (completion + 14-day buffer vs offence + 6 months).
  [
    'summary-only: completion + buffer passes the limit, not acknowledged',
    '2.1.13',
    with_(
      acc,
      (x) => (x.offence = { ...x.offence, classification: 'SUMMARY_ONLY', offenceDate: '2026-01-01' }),
    ),
    'OOCR_SUMMARY_TIME_LIMIT_AT_RISK',
  ],
  [
    'summary-only: issued after the limit passed',
    '2.1.13',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, classification: 'SUMMARY_ONLY', offenceDate: '2025-08-20' },
        victims: [{ views: { soughtOn: '2026-02-25', method: 'phone', outcome: 'VICTIM_DECLINED' } }],
      }),
    ),
    'OOCR_SUMMARY_TIME_LIMIT_EXPIRED',
  ],
  [
    'summary-only: at risk, acknowledged with a reason',
    '2.1.13',
    with_(acc, (x) =>
      Object.assign(x, {
        offence: { ...x.offence, classification: 'SUMMARY_ONLY', offenceDate: '2026-01-01' },
        acknowledgements: [
          { rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK', reason: 'Conditions will be done within 8 weeks' },
        ],
      }),
    ),
    null,
  ],
  [
    'summary-only: completion + buffer inside the limit',
    '2.1.13',
    with_(
      acc,
      (x) => (x.offence = { ...x.offence, classification: 'SUMMARY_ONLY', offenceDate: '2026-02-28' }),
    ),
    null,
  ],
];

describe('validateDisposal: every rule of the disposal API (domain.md Part 2 §2)', () => {
  const table = cases.map(([label, cite, build, rule]) => ({
    label,
    cite,
    build,
    rule,
    expected: rule ?? 'accepted',
  }));
  it.each(table)('$label (domain.md $cite) → $expected', ({ build, rule }) => {
    const result = validateDisposal(build(), ctx);
    const rules = result.violations.map((v) => v.rule);
    if (rule === null) expect(rules).toEqual([]);
    else expect(rules).toEqual([rule]);
    for (const v of result.violations) expect(v.message.length).toBeGreaterThan(10);
  });

  it('computes the completion due date as issue + 16 weeks by default (2.6.4)', () => {
    expect(validateDisposal(acc(), ctx).completionDueDate).toBe('2026-06-22');
    expect(validateDisposal(cr(), ctx).completionDueDate).toBeNull();
  });

  it('keeps the acknowledged warnings with their reasons and who acknowledged them', () => {
    const input = acc();
    input.offence.domesticAbuse = true;
    input.acknowledgements = [{ rule: 'OOCR_DOMESTIC_ABUSE_FLAG', reason: 'Sibling dispute' }];
    expect(validateDisposal(input, ctx).acknowledgedWarnings).toEqual([
      expect.objectContaining({
        rule: 'OOCR_DOMESTIC_ABUSE_FLAG',
        reason: 'Sibling dispute',
        acknowledgedBy: 'cjops.dan',
      }),
    ]);
  });

  it('names the field of each victim whose views are incomplete', () => {
    const input = acc();
    input.victims!.push({ views: { soughtOn: '2026-02-25', method: '', outcome: 'VIEWS_GIVEN' } });
    const fields = validateDisposal(input, ctx).violations.map((v) => v.field);
    expect(fields).toEqual(['victims[1].views.method', 'victims[1].views.views']);
  });

  it('raises the authoriser rank where the configured matrix requires (2.4.6)', () => {
    const rules = resolveOocrRulesConfig({
      authorisationMatrix: [{ id: 'kent-da-inspector', minimumRank: 'INSPECTOR', flags: ['DOMESTIC_ABUSE'] }],
    });
    const input = acc();
    input.offence.domesticAbuse = true;
    input.acknowledgements = [{ rule: 'OOCR_DOMESTIC_ABUSE_FLAG', reason: 'Exceptional' }];
    const v = validateDisposal(input, { ...ctx, rules }).violations;
    expect(v.map((x) => x.rule)).toEqual(['OOCR_AUTHORISER_RANK_TOO_LOW']);
    expect(v[0].message).toContain('kent-da-inspector');
    input.authoriser = { id: 'insp.1', rank: 'INSPECTOR' };
    expect(validateDisposal(input, { ...ctx, rules }).violations).toEqual([]);
  });
});

// 2.1.13 / 2.6.5: the summary-only time limit, re-checked when a running caution's completion date moves. A summary
// offence of 2025-12-20 must be prosecuted by 2026-06-20; the breach-handling buffer is 14 days [U].
describe('time limit on a new completion date (extension, variation) — domain.md 2.1.13, 2.6.5', () => {
  type Change = Parameters<typeof timeLimitOnNewCompletionDate>[0];
  const change = (over: Partial<Change> = {}): Change => ({
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    offenceClass: 'SUMMARY_ONLY',
    offenceDate: '2025-12-20',
    today: '2026-03-02',
    newCompletionDueDate: '2026-05-24',
    field: 'newCompletionDueDate',
    ...over,
  });
  const check = (over: Partial<Change>) =>
    timeLimitOnNewCompletionDate(change(over), settings.rules, 'cjops.sgt.lena');
  const ack = (rule: OocrRuleCode, reason = 'Course only runs in June') => ({
    acknowledgements: [{ rule, reason }],
  });

  it.each<[string, Partial<Change>, Array<[string, string]>, string[]]>([
    ['16 weeks + buffer inside the limit: nothing', {}, [], []],
    [
      'extended to 20 weeks: the buffer passes 2026-06-20',
      { newCompletionDueDate: '2026-06-21' },
      [['OOCR_SUMMARY_TIME_LIMIT_AT_RISK', 'newCompletionDueDate']],
      [],
    ],
    [
      'the same, acknowledged with a reason: proceeds, recorded',
      { newCompletionDueDate: '2026-06-21', ...ack('OOCR_SUMMARY_TIME_LIMIT_AT_RISK') },
      [],
      ['OOCR_SUMMARY_TIME_LIMIT_AT_RISK'],
    ],
    [
      'acknowledged without a reason: refused once, for the reason',
      { newCompletionDueDate: '2026-06-21', ...ack('OOCR_SUMMARY_TIME_LIMIT_AT_RISK', ' ') },
      [['OOCR_ACKNOWLEDGEMENT_REASON_REQUIRED', 'acknowledgements[0].reason']],
      [],
    ],
    [
      'changed after the last date to lay: expired',
      { today: '2026-06-25', newCompletionDueDate: '2026-06-30' },
      [['OOCR_SUMMARY_TIME_LIMIT_EXPIRED', 'offenceDate']],
      [],
    ],
    [
      'a variation names its own field',
      { newCompletionDueDate: '2026-06-21', field: 'variation.newCompletionDueDate' },
      [['OOCR_SUMMARY_TIME_LIMIT_AT_RISK', 'variation.newCompletionDueDate']],
      [],
    ],
    [
      'an either-way offence has no time limit',
      { offenceClass: 'EITHER_WAY', newCompletionDueDate: '2026-06-21' },
      [],
      [],
    ],
    [
      'a youth caution cannot be prosecuted on breach',
      { disposalType: 'YOUTH_CAUTION', newCompletionDueDate: '2026-06-21' },
      [],
      [],
    ],
  ])('%s', (_name, over, violations, acknowledged) => {
    const r = check(over);
    expect(r.violations.map((v) => [v.rule, v.field])).toEqual(violations);
    expect(r.acknowledgedWarnings.map((w) => w.rule)).toEqual(acknowledged);
  });

  it('records who acknowledged what, and tells how to acknowledge when refused', () => {
    const refused = check({ newCompletionDueDate: '2026-06-21' }).violations[0];
    expect(refused.message).toContain('2026-06-20');
    expect(refused.message).toContain('"rule": "OOCR_SUMMARY_TIME_LIMIT_AT_RISK"');
    expect(
      check({ newCompletionDueDate: '2026-06-21', ...ack('OOCR_SUMMARY_TIME_LIMIT_AT_RISK') })
        .acknowledgedWarnings,
    ).toEqual([
      {
        rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK',
        field: 'newCompletionDueDate',
        message: expect.stringContaining('passes 2026-06-20'),
        reason: 'Course only runs in June',
        acknowledgedBy: 'cjops.sgt.lena',
      },
    ]);
  });
});
