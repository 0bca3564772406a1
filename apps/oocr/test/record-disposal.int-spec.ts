// Recording a disposal is one SQL statement (src/disposals/use-cases/record-disposal.ts): every row it writes commits
// together or not at all, the outbox row included. Run against the live database; rows read back through the API.
import { ActorKind } from '@oversight/contracts';
import { databaseUrl } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { OocrSettings } from '../src/config/oocr-settings';
import { validateDisposal } from '../src/disposals/disposal-validation';
import type { DisposalInput } from '../src/disposals/disposal.input';
import {
  DisposalRecord,
  disposalRecord,
  nextDisposalReference,
  recordDisposal,
  RECORD_DISPOSAL_SQL,
  recordDisposalIn,
  recordDisposalValues,
} from '../src/disposals/use-cases/record-disposal';
import { PrismaService } from '../src/infrastructure/prisma.service';
import { api, conditionalCaution, daysFrom, query, today } from './support';

const settings = OocrSettings.defaults();
const OFFICER = 'cjops.dan';
const REASON = 'checking the recorded disposal';

/** A community resolution issued today with a victim, agreed actions and special-category data. */
function communityResolution(fullName: string): DisposalInput {
  return {
    disposalType: 'COMMUNITY_RESOLUTION',
    issueDate: today(),
    crimeReference: '46/70001/26',
    district: 'thanet',
    offender: {
      fullName,
      dateOfBirth: '2001-09-30',
      gender: 'FEMALE',
      ethnicity: 'B2',
      phone: '07700 900123',
      addressLines: ['1 Harbour Street', 'Ramsgate'],
    },
    offence: {
      code: '58C',
      description: 'Criminal damage',
      classification: 'EITHER_WAY',
      offenceDate: daysFrom(-1),
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
      hateCrime: true,
    },
    issuingOfficer: { id: 'pc.1001', name: 'PC Okafor' },
    authoriser: { id: 'ps.2001', rank: 'SERGEANT' },
    admission: 'ACCEPTS_RESPONSIBILITY',
    victims: [
      {
        name: 'Harbour Café',
        wantsUpdates: true,
        views: {
          soughtOn: daysFrom(-1),
          method: 'in person',
          outcome: 'VIEWS_GIVEN',
          views: 'An apology and repair',
          agreement: 'AGREED',
        },
      },
    ],
    agreedActions: ['Written apology', 'Pay for the repair'],
    acknowledgements: [{ rule: 'OOCR_HATE_CRIME_FLAG', reason: 'Victim asked for restorative justice' }],
  };
}

/** A conditional caution with two conditions, the second paid in two instalments. */
function caution(fullName: string): DisposalInput {
  return conditionalCaution(fullName, {
    conditions: [
      {
        purpose: 'REHABILITATIVE',
        kind: 'COURSE',
        description: 'Attend a victim awareness course',
        dueDate: daysFrom(30),
        hours: 3.5,
      },
      {
        purpose: 'REPARATIVE',
        kind: 'COMPENSATION',
        description: 'Pay for the repair',
        amountPence: 5000,
        dueDate: daysFrom(60),
        instalments: [
          { dueDate: daysFrom(30), amountPence: 2500 },
          { dueDate: daysFrom(60), amountPence: 2500 },
        ],
      },
    ],
  }) as unknown as DisposalInput;
}

describe('the disposal statement', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: databaseUrl('oocr'), max: 2 });
  });
  afterAll(() => pool.end());

  const record = async (input: DisposalInput): Promise<DisposalRecord> => {
    const validation = validateDisposal(input, {
      rules: settings.rules,
      districts: settings.districts,
      today: today(),
      actor: OFFICER,
    });
    expect(validation.violations).toEqual([]);
    const id = randomUUID();
    return disposalRecord(
      input,
      validation,
      {
        id,
        source: 'API',
        createdBy: OFFICER,
        actor: { subject: OFFICER, kind: ActorKind.USER, roles: ['CJ_OPS'] },
        correlationId: `it-record-disposal-${id}`,
      },
      await nextDisposalReference(pool, input.issueDate),
      settings.rules.leapDayBirthday,
    );
  };

  /** Rows of everything the statement writes for one record. */
  const rowsOf = async (r: DisposalRecord) => {
    const [row] = await query(
      'oocr',
      `SELECT (SELECT count(*)::int FROM disposal WHERE id = $1) AS disposals,
              (SELECT count(*)::int FROM offender WHERE id = $2) AS offenders,
              (SELECT count(*)::int FROM offender_special_category WHERE offender_id = $2) AS "specialCategory",
              (SELECT count(*)::int FROM victim WHERE disposal_id = $1) AS victims,
              (SELECT count(*)::int FROM resolution_review WHERE disposal_id = $1) AS reviews,
              (SELECT count(*)::int FROM caution WHERE disposal_id = $1) AS cautions,
              (SELECT count(*)::int FROM condition WHERE caution_id = $1) AS conditions,
              (SELECT count(*)::int FROM instalment i JOIN condition c ON c.id = i.condition_id
                WHERE c.caution_id = $1) AS instalments,
              (SELECT count(*)::int FROM outbox_message WHERE id = $3) AS events`,
      [r.id, r.offender.id, r.outbox.id],
    );
    return row;
  };

  it('writes a community resolution, its offender, special category, victim, review entry and event together', async () => {
    const r = await record(communityResolution(`Statement Resolution ${randomUUID().slice(0, 6)}`));
    await recordDisposal(pool, r);
    expect(await rowsOf(r)).toEqual({
      disposals: 1,
      offenders: 1,
      specialCategory: 1,
      victims: 1,
      reviews: 1,
      cautions: 0,
      conditions: 0,
      instalments: 0,
      events: 1,
    });
    const [row] = await query(
      'oocr',
      `SELECT d.agreed_actions, o.address_lines, d.acknowledged_warnings, d.validation_issues, d.hate_crime, d.domestic_abuse, d.home_office_outcome_code,
              d.age_at_issue, d.updated_at IS NOT NULL AS updated, r.status, s.gender, s.ethnicity, e.topic, e.message_key
         FROM disposal d JOIN offender o ON o.id = d.offender_id
         JOIN offender_special_category s ON s.offender_id = o.id
         JOIN resolution_review r ON r.disposal_id = d.id, outbox_message e
        WHERE d.id = $1 AND e.id = $2`,
      [r.id, r.outbox.id],
    );
    expect(row).toMatchObject({
      agreed_actions: ['Written apology', 'Pay for the repair'],
      address_lines: ['1 Harbour Street', 'Ramsgate'],
      hate_crime: true,
      domestic_abuse: false,
      updated: true,
      status: 'PENDING',
      gender: 'FEMALE',
      ethnicity: 'B2',
      acknowledged_warnings: [
        expect.objectContaining({
          rule: 'OOCR_HATE_CRIME_FLAG',
          reason: 'Victim asked for restorative justice',
        }),
      ],
      validation_issues: [],
      topic: 'oocr.disposal-recorded.v1',
      message_key: r.id,
    });
    // Read back through the service (Prisma): the columns are what its model expects.
    const res = await api('GET', `/api/oocr/disposals/${r.id}`, { as: OFFICER, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      reference: r.reference,
      source: 'API',
      disposalType: 'COMMUNITY_RESOLUTION',
      issueDate: today(),
      offender: { fullName: r.offender.fullName },
      review: { status: 'PENDING' },
      victims: [expect.objectContaining({ name: 'Harbour Café', wantsUpdates: true })],
    });
  });

  it('writes a conditional caution with its conditions and instalments (checked, then rolled back)', async () => {
    // Rolled back so that no caution workflow starts for it: the rows are read inside the statement's transaction.
    const r = await record(caution(`Statement Caution ${randomUUID().slice(0, 6)}`));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(RECORD_DISPOSAL_SQL, recordDisposalValues(r));
      const { rows } = await client.query(
        `SELECT c.workflow_id, c.status, c.original_completion_due::text AS due, c.completion_due_date::text AS due2,
                k.seq, k.kind, k.hours::text AS hours, k.amount_pence, k.due_date::text AS condition_due,
                coalesce(json_agg(json_build_object('number', i.number, 'amount', i.amount_pence, 'due', i.due_date)
                                  ORDER BY i.number) FILTER (WHERE i.number IS NOT NULL), '[]') AS instalments
           FROM caution c JOIN condition k ON k.caution_id = c.disposal_id
           LEFT JOIN instalment i ON i.condition_id = k.id
          WHERE c.disposal_id = $1
          GROUP BY c.disposal_id, k.id ORDER BY k.seq`,
        [r.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({
          seq: 1,
          kind: 'COURSE',
          hours: '3.50',
          amount_pence: null,
          instalments: [],
        }),
        expect.objectContaining({
          seq: 2,
          kind: 'COMPENSATION',
          hours: null,
          amount_pence: 5000,
          condition_due: daysFrom(60),
          instalments: [
            { number: 1, amount: 2500, due: daysFrom(30) },
            { number: 2, amount: 2500, due: daysFrom(60) },
          ],
        }),
      ]);
      expect(rows[0]).toMatchObject({
        workflow_id: r.caution!.workflowId,
        status: 'ACTIVE',
        due: r.caution!.completionDueDate,
        due2: r.caution!.completionDueDate,
      });
      const { rows: counts } = await client.query(
        `SELECT (SELECT count(*)::int FROM victim WHERE disposal_id = $1) AS victims,
                (SELECT count(*)::int FROM resolution_review WHERE disposal_id = $1) AS reviews,
                (SELECT count(*)::int FROM outbox_message WHERE id = $2) AS events`,
        [r.id, r.outbox.id],
      );
      expect(counts[0]).toEqual({ victims: 1, reviews: 0, events: 1 });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(await rowsOf(r)).toMatchObject({ disposals: 0, cautions: 0, events: 0 });
  });

  it('runs the same statement inside a caller’s Prisma transaction (the field-app ingest)', async () => {
    const prisma = new PrismaService(databaseUrl('oocr'), 2);
    try {
      const r = await record(communityResolution(`Statement In Tx ${randomUUID().slice(0, 6)}`));
      await prisma.$transaction((tx) => recordDisposalIn(tx, r));
      expect(await rowsOf(r)).toMatchObject({ disposals: 1, victims: 1, reviews: 1, events: 1 });
      // …and a transaction that fails after it keeps none of it.
      const r2 = await record(communityResolution(`Statement In Tx ${randomUUID().slice(0, 6)}`));
      await expect(
        prisma.$transaction(async (tx) => {
          await recordDisposalIn(tx, r2);
          throw new Error('the inbox handler failed later');
        }),
      ).rejects.toThrow('the inbox handler failed later');
      expect(await rowsOf(r2)).toMatchObject({ disposals: 0, offenders: 0, victims: 0, events: 0 });
    } finally {
      await prisma.onModuleDestroy();
    }
  });

  it('writes nothing when the outbox insert fails (an event id already used)', async () => {
    const first = await record(communityResolution(`Statement First ${randomUUID().slice(0, 6)}`));
    await recordDisposal(pool, first);
    // A conditional caution with conditions and instalments whose event id is taken: the last CTE fails.
    const second = await record(caution(`Statement Caution ${randomUUID().slice(0, 6)}`));
    expect(second.caution).not.toBeNull();
    await expect(recordDisposal(pool, { ...second, outbox: first.outbox })).rejects.toThrow(
      /outbox_message_pkey|duplicate key/,
    );
    expect(await rowsOf(second)).toEqual({
      disposals: 0,
      offenders: 0,
      specialCategory: 0,
      victims: 0,
      reviews: 0,
      cautions: 0,
      conditions: 0,
      instalments: 0,
      events: 0,
    });
  });

  it('writes no event when a domain insert fails (a reference already used)', async () => {
    const first = await record(communityResolution(`Statement First ${randomUUID().slice(0, 6)}`));
    await recordDisposal(pool, first);
    const second = await record(caution(`Statement Caution ${randomUUID().slice(0, 6)}`));
    await expect(recordDisposal(pool, { ...second, reference: first.reference })).rejects.toThrow(
      /disposal_reference_key|duplicate key/,
    );
    expect(await rowsOf(second)).toMatchObject({ disposals: 0, offenders: 0, cautions: 0, events: 0 });
  });

  it('writes no event when the last domain row fails (an instalment without an amount)', async () => {
    const r = await record(caution(`Statement Caution ${randomUUID().slice(0, 6)}`));
    const instalments = JSON.parse(r.caution!.instalments) as Array<Record<string, unknown>>;
    instalments[1].amount_pence = null;
    await expect(
      recordDisposal(pool, { ...r, caution: { ...r.caution!, instalments: JSON.stringify(instalments) } }),
    ).rejects.toThrow(/amount_pence/);
    expect(await rowsOf(r)).toEqual({
      disposals: 0,
      offenders: 0,
      specialCategory: 0,
      victims: 0,
      reviews: 0,
      cautions: 0,
      conditions: 0,
      instalments: 0,
      events: 0,
    });
  });
});
