// Conditional cautions on the real stack: issued through the gateway, the workflow started from the outbox event,
// conditions evidenced through the API, completion written back, reminders and the victim's letter requested from
// the notifications service, the audit trail and the Scrutiny Panel figures checked; and a backdated caution whose
// condition was already missed: breach assessment, decision, proceedings.
import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { cautionWorkflowId } from '../src/workflows/caution.types';
import { api, auditEntries, conditionalCaution, daysFrom, oocrState, query, today } from './support';

const OFFICER = 'cjops.dan';
const SUPERVISOR = 'cjops.sgt.lena';
const REASON = 'managing the conditional caution';

/** The shared caution, with a victim who wants updates and a compensation condition paid in instalments. */
function caution(name: string, over: Record<string, unknown> = {}) {
  const base = conditionalCaution(name);
  return {
    ...base,
    victims: [{ ...base.victims[0], wantsUpdates: true }],
    conditions: [
      ...base.conditions,
      {
        purpose: 'REPARATIVE',
        kind: 'COMPENSATION',
        description: 'Pay for the repair of the shelter',
        amountPence: 9000,
        dueDate: daysFrom(40),
        instalments: [
          { dueDate: daysFrom(20), amountPence: 4500 },
          { dueDate: daysFrom(40), amountPence: 4500 },
        ],
      },
    ],
    ...over,
  };
}

async function figures() {
  const period = `from=${today()}&to=${today()}`;
  const [outcomes, counts, purposes, disprop] = await Promise.all([
    api('GET', `/api/oocr/reports/caution-outcomes?${period}`, { as: SUPERVISOR }),
    api('GET', `/api/oocr/reports/counts?${period}`, { as: SUPERVISOR }),
    api('GET', `/api/oocr/reports/conditions-by-purpose?${period}`, { as: SUPERVISOR }),
    api('GET', `/api/oocr/reports/disproportionality?${period}&disposalType=ADULT_CONDITIONAL_CAUTION`, {
      as: SUPERVISOR,
    }),
  ]);
  const count = (rows: any[], pick: (r: any) => boolean, field = 'count') =>
    rows.filter(pick).reduce((s, r) => s + r[field], 0);
  return {
    issued: outcomes.body.issued as number,
    completed: outcomes.body.completed as number,
    completedOnTime: outcomes.body.completedOnTime as number,
    accIssued: count(counts.body.byType, (r) => r.disposalType === 'ADULT_CONDITIONAL_CAUTION'),
    maidstone: count(counts.body.byDistrict, (r) => r.district === 'maidstone'),
    rehabilitative: count(purposes.body.byPurpose, (r) => r.purpose === 'REHABILITATIVE'),
    reparativeCompleted: count(purposes.body.byPurpose, (r) => r.purpose === 'REPARATIVE', 'completed'),
    white: disprop.body.ethnicity.groups.find((g: any) => g.group === 'WHITE')?.count ?? 0,
  };
}

describe('a conditional caution issued through the API completes', () => {
  let temporal: TemporalClient;
  const name = `Gideon Farrant-${randomUUID().slice(0, 8)}`;
  let id: string;
  let before: Awaited<ReturnType<typeof figures>>;
  let record: any;

  beforeAll(async () => {
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
    before = await figures();
  });

  afterAll(async () => {
    await temporal.connection.close();
  });

  it('refuses bad input, broken rules and wrong roles with clear 4xx, changing nothing', async () => {
    const state = await oocrState();
    const malformed = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: { ...caution(name), offence: undefined, issueDate: '2026-02-30' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields.map((f: any) => f.field).sort()).toEqual(['issueDate', 'offence']);

    const broken = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name, {
        authoriser: { id: 'pc.1', rank: 'CONSTABLE' },
        signedConsent: undefined,
        offender: { fullName: name, dateOfBirth: daysFrom(-17 * 365) },
      }),
    });
    expect(broken.status).toBe(400);
    expect(broken.body.violations.map((v: any) => v.rule).sort()).toEqual([
      'OOCR_AGE_BELOW_MINIMUM',
      'OOCR_AUTHORISER_RANK_TOO_LOW',
      'OOCR_SIGNED_CONSENT_REQUIRED',
    ]);
    expect(broken.body.violations.every((v: any) => v.field && v.message)).toBe(true);

    const da = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name, { offence: { ...caution(name).offence, domesticAbuse: true } }),
    });
    expect(da.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_DOMESTIC_ABUSE_FLAG']);

    const hours = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name, {
        conditions: [
          {
            purpose: 'REPARATIVE',
            kind: 'UNPAID_WORK',
            description: 'Clean the shelters',
            hours: 21,
            dueDate: daysFrom(30),
          },
        ],
      }),
    });
    expect(hours.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_CONDITION_HOURS_EXCEEDED']);

    const tooLong = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name, { completionDueDate: daysFrom(20 * 7 + 1), exceptionalReason: 'Long course' }),
    });
    expect(tooLong.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_COMPLETION_BEYOND_MAXIMUM']);

    for (const who of ['reviewer.amara', 'vru.sam', 'auditor.ruth']) {
      expect((await api('POST', '/api/oocr/disposals', { as: who, body: caution(name) })).status).toBe(403);
    }
    expect((await api('POST', '/api/oocr/disposals', { body: caution(name) })).status).toBe(401);

    const check = await api('POST', '/api/oocr/disposals/validation', {
      as: OFFICER,
      body: caution(name, { offence: { ...caution(name).offence, hateCrime: true } }),
    });
    expect(check.body).toMatchObject({
      clearToProceed: false,
      violations: [{ rule: 'OOCR_HATE_CRIME_FLAG' }],
    });
    expect(await oocrState()).toEqual(state);
  });

  it('is issued; its workflow starts from the event and reminds about the condition due within a week', async () => {
    const correlationId = `e2e-cc-${randomUUID()}`;
    const res = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name),
      headers: { 'x-correlation-id': correlationId },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    const state = await waitFor(
      'the workflow state',
      async () => (await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER })).body,
      (s) => s?.status === 'ACTIVE' && s.items.some((i: any) => i.reminded),
    );
    expect(state.items.map((i: any) => [i.instalmentNumber, i.dueDate])).toEqual([
      [null, daysFrom(3)],
      [1, daysFrom(20)],
      [2, daysFrom(40)],
    ]);
    expect(state.completionDueDate).toBe(daysFrom(16 * 7));
    const description = await temporal.workflow.getHandle(cautionWorkflowId(id)).describe();
    expect(await description.memo).toMatchObject({ correlationId });

    const task = await waitFor(
      'the officer reminder task',
      async () =>
        (
          await query(
            'oocr',
            `SELECT assignee, kind, to_char(due_on, 'YYYY-MM-DD') AS due FROM officer_task WHERE disposal_id = $1`,
            [id],
          )
        )[0],
    );
    expect(task).toEqual({ assignee: 'pc.5120', kind: 'CONDITION_REMINDER', due: daysFrom(3) });
    record = (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body;
    // One reminder to the person cautioned, one to the issuing officer (who cannot see the task list).
    const reminders = await waitFor(
      'the reminders in the notifications service',
      () =>
        query(
          'notifications',
          `SELECT template_key, status, channel, data_subject_id, recipient->>'emailAddress' AS email,
                  rendered_body FROM notification WHERE reference = $1 ORDER BY template_key`,
          [record.reference],
        ),
      (ns) => ns.length >= 2 && ns.every((n) => n.status === 'SENT' || n.status === 'FAILED'),
    );
    expect(reminders.map(({ rendered_body: _body, ...n }) => n)).toEqual([
      {
        template_key: 'oocr.condition-reminder',
        status: 'SENT',
        channel: 'EMAIL',
        data_subject_id: record.offender.id,
        email: record.offender.email,
      },
      {
        template_key: 'oocr.officer-condition-reminder',
        status: 'SENT',
        channel: 'EMAIL',
        data_subject_id: record.offender.id,
        email: 'pc.5120@kent-police.example.gov.uk',
      },
    ]);
    const officerMail = reminders[1].rendered_body as string;
    expect(officerMail).toContain('Dear PC Ndlovu,');
    expect(officerMail).toContain(`(reference ${record.reference}) is due by`);
    expect(officerMail).toContain('"Attend a victim awareness course" (rehabilitative)');
    expect(officerMail).not.toContain(name);
  });

  it('refuses evidence that does not fit, changing nothing', async () => {
    const state = await oocrState();
    const [course, plan] = record.caution.conditions;
    const noInstalment = await api('POST', `/api/oocr/cautions/${id}/conditions/${plan.id}/evidence`, {
      as: OFFICER,
      body: { reference: 'PAY-1', completedOn: today() },
    });
    expect(noInstalment.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_INSTALMENT_REQUIRED']);
    const future = await api('POST', `/api/oocr/cautions/${id}/conditions/${course.id}/evidence`, {
      as: OFFICER,
      body: { reference: 'C-1', completedOn: daysFrom(1) },
    });
    expect(future.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_DATE_IN_FUTURE']);
    const unknown = await api('POST', `/api/oocr/cautions/${id}/conditions/${randomUUID()}/evidence`, {
      as: OFFICER,
      body: { reference: 'C-1', completedOn: today() },
    });
    expect(unknown.status).toBe(404);
    const notSupervisor = await api('POST', `/api/oocr/cautions/${id}/extension`, {
      as: OFFICER,
      body: {
        newCompletionDueDate: daysFrom(140),
        exceptionalReason: 'x',
        authoriser: { id: 'ps.1', rank: 'SERGEANT' },
      },
    });
    expect(notSupervisor.status).toBe(403);
    const beyond = await api('POST', `/api/oocr/cautions/${id}/extension`, {
      as: SUPERVISOR,
      body: {
        newCompletionDueDate: daysFrom(141),
        exceptionalReason: 'Course full',
        authoriser: { id: 'ps.1', rank: 'SERGEANT' },
      },
    });
    expect(beyond.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_COMPLETION_BEYOND_MAXIMUM']);
    expect(await oocrState()).toEqual(state);
  });

  it('completes when every condition is evidenced; the victim is told', async () => {
    const [course, plan] = record.caution.conditions;
    for (const [conditionId, body] of [
      [course.id, { reference: 'KVAP-CERT-7781', completedOn: today() }],
      [plan.id, { reference: 'PAY-1', completedOn: today(), instalmentNumber: 1 }],
      [plan.id, { reference: 'PAY-2', completedOn: today(), instalmentNumber: 2 }],
    ] as const) {
      const r = await api('POST', `/api/oocr/cautions/${id}/conditions/${conditionId}/evidence`, {
        as: OFFICER,
        body,
      });
      expect(r.status).toBe(202);
    }
    const done = await waitFor(
      'the caution to complete',
      async () =>
        (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body.caution,
      (c) => c.status === 'COMPLETED',
    );
    expect(done).toMatchObject({
      completedOn: today(),
      conditions: [
        { status: 'COMPLETED' },
        { status: 'COMPLETED', instalments: [{ status: 'COMPLETED' }, { status: 'COMPLETED' }] },
      ],
    });
    // The database shows COMPLETED first; the workflow ends after telling the victim.
    await waitFor(
      'the workflow to end',
      async () => (await temporal.workflow.getHandle(cautionWorkflowId(id)).describe()).status.name,
      (st) => st === 'COMPLETED',
    );
    const letter = await waitFor(
      'the victim notification',
      async () =>
        (
          await query(
            'notifications',
            `SELECT status, channel FROM notification WHERE reference = $1 AND template_key = 'oocr.caution-completed-victim'`,
            [record.reference],
          )
        )[0],
      (n) => n?.status === 'SENT',
    );
    expect(letter.channel).toBe('EMAIL');
    const late = await api('POST', `/api/oocr/cautions/${id}/conditions/${course.id}/evidence`, {
      as: OFFICER,
      body: { reference: 'again', completedOn: today() },
    });
    expect(late.status).toBe(409);
  });

  it('leaves an audit trail: collection, each alteration, the reads, the notifications disclosed', async () => {
    const entries = await waitFor(
      'the audit entries',
      () => auditEntries(id),
      (es) => es.filter((e) => e.eventType === 'oocr.caution-updated').length >= 4,
    );
    const kinds = entries.map((e) => `${e.eventType}:${e.processing}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'oocr.disposal-recorded:COLLECTION',
        'oocr.caution-updated:ALTERATION',
        'platform.access-recorded:CONSULTATION',
      ]),
    );
    expect(entries.find((e) => e.eventType === 'platform.access-recorded')).toMatchObject({
      actorSubject: OFFICER,
      justification: REASON,
    });
    const disclosures = await waitFor(
      'the notification disclosures',
      async () => {
        const r = await api('GET', `/api/audit/entries?dataSubjectId=${record.offender.id}&limit=100`, {
          as: 'auditor.ruth',
          reason: 'oocr e2e: disclosures',
        });
        return (r.body as any[]).filter((e) => e.processing === 'DISCLOSURE');
      },
      (d) => d.length >= 1,
    );
    expect(disclosures[0]).toMatchObject({ recordType: 'notification' });
  });

  it('moves the Scrutiny Panel figures by exactly this caution', async () => {
    const after = await figures();
    expect(after).toEqual({
      issued: before.issued + 1,
      completed: before.completed + 1,
      completedOnTime: before.completedOnTime + 1,
      accIssued: before.accIssued + 1,
      maidstone: before.maidstone + 1,
      rehabilitative: before.rehabilitative + 1,
      reparativeCompleted: before.reparativeCompleted + 1,
      white: before.white + 1,
    });
    const csv = await api(
      'GET',
      `/api/oocr/reports/export?report=caution-outcomes&from=${today()}&to=${today()}`,
      { as: SUPERVISOR },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('from,to,status,count');
    expect(csv.text).toContain(`${today()},${today()},COMPLETED,`);
    expect(
      (
        await api('GET', `/api/oocr/reports/disproportionality?from=${today()}&to=${today()}`, {
          as: OFFICER,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('GET', `/api/oocr/reports/counts?from=${today()}&to=${daysFrom(-1)}`, { as: OFFICER })).body
        .violations[0].rule,
    ).toBe('OOCR_PERIOD_ORDER');
  });
});

describe('a backdated caution whose condition was already missed', () => {
  const name = `Selwyn Braddock-${randomUUID().slice(0, 8)}`;
  let id: string;
  let breachId: string;

  it('opens a breach assessment as soon as its workflow starts', async () => {
    const body = caution(name, {
      issueDate: daysFrom(-20),
      offence: { ...caution(name).offence, offenceDate: daysFrom(-25) },
      signedConsent: { documentRef: 'DOC-BACKDATED', signedOn: daysFrom(-20) },
      victims: [{ views: { soughtOn: daysFrom(-21), method: 'phone', outcome: 'VICTIM_DECLINED' } }],
      conditions: [
        {
          purpose: 'REHABILITATIVE',
          kind: 'COURSE',
          description: 'Attend an anger management course',
          dueDate: daysFrom(-10),
        },
        {
          purpose: 'REPARATIVE',
          kind: 'APOLOGY',
          description: 'Write a letter of apology',
          dueDate: daysFrom(30),
        },
      ],
    });
    const res = await api('POST', '/api/oocr/disposals', { as: OFFICER, body });
    expect(res.status).toBe(201);
    id = res.body.id;
    const caution_ = await waitFor(
      'the breach',
      async () =>
        (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body.caution,
      (c) => c.status === 'BREACH_ASSESSMENT' && c.breaches.length === 1,
    );
    expect(caution_.breaches[0]).toMatchObject({ status: 'AWAITING_ASSESSMENT', detectedOn: daysFrom(-9) });
    expect(caution_.conditions.map((c: any) => c.status)).toEqual(['MISSED', 'PENDING']);
    breachId = caution_.breaches[0].id;
    const tasks = (await api('GET', `/api/oocr/tasks?disposalId=${id}`, { as: OFFICER })).body as any[];
    expect(tasks.find((t) => t.disposalId === id)).toMatchObject({
      kind: 'BREACH_ASSESSMENT',
      assignee: 'CJ_OPS_OFFICER',
    });
  });

  it('needs the reasonable-excuse assessment before a decision, and a supervisor for the decision', async () => {
    const early = await api('POST', `/api/oocr/cautions/${id}/breaches/${breachId}/decision`, {
      as: SUPERVISOR,
      body: { type: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn: today() },
    });
    expect(early.body.violations.map((v: any) => v.rule)).toEqual([
      'OOCR_REASONABLE_EXCUSE_ASSESSMENT_REQUIRED',
    ]);
    const assessed = await api('POST', `/api/oocr/cautions/${id}/breaches/${breachId}/assessment`, {
      as: OFFICER,
      body: {
        outcome: 'NO_REASONABLE_EXCUSE',
        rationale: 'Did not attend and gave no reason when contacted',
        assessedOn: today(),
      },
    });
    expect(assessed.body).toEqual({ status: 'AWAITING_DECISION' });
    expect(
      (
        await api('POST', `/api/oocr/cautions/${id}/breaches/${breachId}/decision`, {
          as: OFFICER,
          body: { type: 'NO_ACTION', decidedOn: today() },
        })
      ).status,
    ).toBe(403);
    const vary = await api('POST', `/api/oocr/cautions/${id}/breaches/${breachId}/decision`, {
      as: SUPERVISOR,
      body: { type: 'VARY_CONDITIONS', decidedOn: today(), variation: { add: [] } },
    });
    expect(vary.body.violations.map((v: any) => v.rule)).toEqual(['OOCR_VARIATION_AUTHORISATION_REQUIRED']);
  });

  it('prosecutes for the original offence: the caution ceases once proceedings start (2.1.11)', async () => {
    const decided = await api('POST', `/api/oocr/cautions/${id}/breaches/${breachId}/decision`, {
      as: SUPERVISOR,
      body: { type: 'PROSECUTE_ORIGINAL_OFFENCE', decidedOn: today() },
    });
    expect(decided.status).toBe(202);
    expect(decided.body).toEqual({
      decision: 'PROSECUTE_ORIGINAL_OFFENCE',
      cautionStatus: 'PROSECUTION_PENDING',
    });
    await waitFor(
      'the prosecution to be pending',
      async () =>
        (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body.caution.status,
      (s) => s === 'PROSECUTION_PENDING',
    );
    const started = await api('POST', `/api/oocr/cautions/${id}/proceedings`, {
      as: SUPERVISOR,
      body: { startedOn: today() },
    });
    expect(started.status).toBe(202);
    const c = await waitFor(
      'the caution to cease',
      async () =>
        (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body.caution,
      (x) => x.status === 'CEASED',
    );
    expect(c.breaches[0]).toMatchObject({
      status: 'DECIDED',
      decision: {
        type: 'PROSECUTE_ORIGINAL_OFFENCE',
        signedDocumentRef: 'DOC-BACKDATED',
        proceedingsStartedOn: today(),
      },
    });
    expect(c.conditions.map((x: any) => x.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });
});
