import { ActorKind, Topics } from '@oversight/contracts';
import { OocrSettings } from '../../config/oocr-settings';
import { cautionWorkflowId } from '../../workflows/caution.types';
import { validateDisposal } from '../disposal-validation';
import type { DisposalInput } from '../disposal.input';
import {
  disposalRecord,
  disposalReference,
  RECORD_DISPOSAL_SQL,
  recordDisposalValues,
} from './record-disposal';

// The values the one-statement write stores (the statement itself runs in test/record-disposal.int-spec.ts).

const settings = OocrSettings.defaults();
const TODAY = '2026-06-30';
const meta = (id: string) => ({
  id,
  source: 'API' as const,
  createdBy: 'cjops.dan',
  actor: { subject: 'cjops.dan', kind: ActorKind.USER, roles: ['CJ_OPS'] },
  correlationId: 'c-1',
});

function acc(): DisposalInput {
  return {
    disposalType: 'ADULT_CONDITIONAL_CAUTION',
    issueDate: '2026-06-29',
    district: 'dartford',
    offender: { fullName: 'Jordan Blake', dateOfBirth: '1990-04-12', email: '', gender: 'MALE' },
    offence: {
      code: '49/1',
      description: 'Theft from a shop',
      classification: 'EITHER_WAY',
      offenceDate: '2026-06-20',
      offenceGroup: 'THEFT',
    },
    issuingOfficer: { id: 'pc.4471' },
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
    admission: 'ADMITTED',
    evidenceSufficientToCharge: true,
    effectExplainedWithBreachWarning: true,
    signedConsent: { documentRef: 'DOC-1', signedOn: '2026-06-29' },
    victims: [{ views: { soughtOn: '2026-06-25', method: 'telephone', outcome: 'VIEWS_GIVEN' } }],
    conditions: [
      { purpose: 'REHABILITATIVE', kind: 'COURSE', description: 'Course', dueDate: '2026-08-01', hours: 2 },
      {
        purpose: 'REPARATIVE',
        kind: 'COMPENSATION',
        description: 'Pay',
        amountPence: 4500,
        dueDate: '2026-09-01',
        instalments: [
          { dueDate: '2026-08-01', amountPence: 2000 },
          { dueDate: '2026-09-01', amountPence: 2500 },
        ],
      },
    ],
  };
}

function cr(): DisposalInput {
  return {
    disposalType: 'COMMUNITY_RESOLUTION',
    issueDate: '2026-06-29',
    district: 'thanet',
    offender: { fullName: 'Casey Morrow', dateOfBirth: '2001-09-30' },
    offence: {
      code: '58C',
      description: 'Criminal damage',
      classification: 'EITHER_WAY',
      offenceDate: '2026-06-28',
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    issuingOfficer: { id: 'pc.1001' },
    authoriser: { id: 'ps.2001', rank: 'SERGEANT' },
    admission: 'ACCEPTS_RESPONSIBILITY',
    agreedActions: ['Written apology'],
    // A CR carries no conditions: any given are not written (as before the one-statement write).
    conditions: acc().conditions,
  };
}

const build = (input: DisposalInput, id = '11111111-1111-4111-8111-111111111111') => {
  const validation = validateDisposal(input, {
    rules: settings.rules,
    districts: settings.districts,
    today: TODAY,
    actor: 'cjops.dan',
  });
  return disposalRecord(input, validation, meta(id), 'OOCR-2026-000042', settings.rules.leapDayBirthday);
};

describe('disposalRecord', () => {
  it('numbers a caution’s conditions and their instalments, each instalment under its own condition', () => {
    const r = build(acc());
    expect(r.reviewId).toBeNull();
    expect(r.caution).toMatchObject({
      workflowId: cautionWorkflowId(r.id),
      extensionReason: null,
    });
    const conditions = JSON.parse(r.caution!.conditions);
    const instalments = JSON.parse(r.caution!.instalments);
    expect(conditions.map((c: { seq: number; hours: number | null }) => [c.seq, c.hours])).toEqual([
      [1, 2],
      [2, null],
    ]);
    expect(instalments).toEqual([
      { condition_id: conditions[1].id, number: 1, due_date: '2026-08-01', amount_pence: 2000 },
      { condition_id: conditions[1].id, number: 2, due_date: '2026-09-01', amount_pence: 2500 },
    ]);
  });

  it('queues a community resolution for review and writes no caution or conditions', () => {
    const r = build(cr());
    expect(r.reviewId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.caution).toBeNull();
    expect(JSON.parse(r.disposal.agreedActions)).toEqual(['Written apology']);
    expect(r.disposal.homeOfficeOutcomeCode).toBe(8);
  });

  it('stores blanks as nulls and the offender’s age on the issue date', () => {
    const r = build(acc());
    expect(r.offender).toMatchObject({ email: null, phone: null, gender: 'MALE', ethnicity: null });
    expect(JSON.parse(r.offender.addressLines)).toEqual([]);
    expect(r.disposal).toMatchObject({ ageAtIssue: 36, signedConsentOn: '2026-06-29', yotReferredOn: null });
    expect(JSON.parse(r.victims)).toEqual([
      expect.objectContaining({ views_sought_on: '2026-06-25', wants_updates: false, name: null }),
    ]);
  });

  it('carries the disposal-recorded event keyed by the disposal', () => {
    const r = build(acc());
    expect(r.outbox).toMatchObject({ topic: Topics.disposalRecorded.name, messageKey: r.id });
  });

  it('passes one value per statement parameter', () => {
    const highest = Math.max(...[...RECORD_DISPOSAL_SQL.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(recordDisposalValues(build(acc()))).toHaveLength(highest);
  });

  it.each([
    ['2026-06-29', '1', 'OOCR-2026-000001'],
    ['2027-01-01', '1234567', 'OOCR-2027-1234567'],
  ])('references a disposal issued %s, number %s, as %s', (issued, n, ref) => {
    expect(disposalReference(issued, n)).toBe(ref);
  });
});
