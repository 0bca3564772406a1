// Issue 10 items 6 and 7 on the real stack, through the gateway: a refused disposal points to the lawful one
// (an adult conditional caution for a 16-year-old → a youth conditional caution), and an extension of a caution
// with an open breach follows the caution's transition table: a date after today, and the breach decided first
// or set aside with a recorded reason.
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { api, conditionalCaution, daysFrom, query, today } from './support';

const OFFICER = 'cjops.dan';
const SUPERVISOR = 'cjops.sgt.lena';
const REASON = 'managing the conditional caution';

/** The shared caution issued 20 days ago, its course already overdue (a breach to assess), the victim declined. */
function caution(name: string, dateOfBirth: string, over: Record<string, unknown> = {}) {
  return conditionalCaution(name, {
    issueDate: daysFrom(-20),
    crimeReference: '46/61299/26',
    offender: { fullName: name, dateOfBirth, gender: 'MALE', ethnicity: 'W1' },
    offence: {
      code: '58/1',
      description: 'Criminal damage to a fence',
      classification: 'EITHER_WAY',
      offenceDate: daysFrom(-25),
      offenceGroup: 'CRIMINAL_DAMAGE_AND_ARSON',
    },
    signedConsent: { documentRef: `DOC-${randomUUID().slice(0, 8)}`, signedOn: daysFrom(-20) },
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
    ...over,
  });
}

describe('a refused disposal points to the lawful one (issue 10 item 6)', () => {
  it('refuses an adult conditional caution for a 16-year-old, pointing to a youth conditional caution', async () => {
    const name = `Ellis Vane-${randomUUID().slice(0, 6)}`;
    const sixteen = `${Number(today().slice(0, 4)) - 16}-01-01`;
    const res = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(name, sixteen, { issueDate: today() }),
    });
    expect(res.status).toBe(400);
    const age = res.body.violations.find((v: any) => v.rule === 'OOCR_AGE_BELOW_MINIMUM');
    expect(age).toMatchObject({
      field: 'offender.dateOfBirth',
      suggestedDisposalType: 'YOUTH_CONDITIONAL_CAUTION',
    });
    expect(age.message).toMatch(/youth conditional caution \(ages 10–17\).*YOUTH_CONDITIONAL_CAUTION/);
    // Nothing written: no offender of that (unique) name, so no disposal for them.
    expect(await query('oocr', 'SELECT id FROM offender WHERE full_name = $1', [name])).toEqual([]);
  });
});

describe('extending a caution with an open breach (issue 10 item 7)', () => {
  let id: string;
  const extension = {
    newCompletionDueDate: daysFrom(100),
    exceptionalReason: 'The course provider cancelled the sessions',
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
  };
  const extensions = () =>
    query('oocr', 'SELECT exceptional_reason FROM caution_extension WHERE caution_id = $1', [id]);
  /** What a change to this caution writes: its state version, status, due date, extensions, breaches, events. */
  const cautionRows = async () =>
    (
      await query(
        'oocr',
        `SELECT c.state_version, c.status::text AS status, c.completion_due_date::text AS due,
                (SELECT count(*)::int FROM caution_extension e WHERE e.caution_id = c.disposal_id) AS extensions,
                (SELECT count(*)::int FROM breach b WHERE b.caution_id = c.disposal_id) AS breaches,
                (SELECT count(*)::int FROM outbox_message o WHERE o.message_key = c.disposal_id::text) AS events
           FROM caution c WHERE c.disposal_id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    const res = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: caution(`Rhys Calloway-${randomUUID().slice(0, 6)}`, '1990-05-05'),
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    await waitFor(
      'the breach',
      async () =>
        (await api('GET', `/api/oocr/disposals/${id}`, { as: OFFICER, reason: REASON })).body.caution,
      (c) => c?.status === 'BREACH_ASSESSMENT' && c.breaches.length === 1,
      // The breach comes from the workflow's timer on the shared worker: allow for a busy machine.
      { timeoutMs: 150_000 },
    );
  }, 180_000);

  it('refuses an extension to a date that has passed, writing nothing', async () => {
    const before = await cautionRows();
    const res = await api('POST', `/api/oocr/cautions/${id}/extension`, {
      as: SUPERVISOR,
      body: {
        ...extension,
        newCompletionDueDate: daysFrom(-1),
        breachSetAsideReason: 'The course was cancelled',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.violations.map((v: any) => v.rule)).toContain('OOCR_EXTENSION_DATE_NOT_AFTER_TODAY');
    expect(await cautionRows()).toEqual(before);
  });

  it('asks for the breach decision first, or the reason the breach is set aside', async () => {
    const before = await cautionRows();
    const res = await api('POST', `/api/oocr/cautions/${id}/extension`, { as: SUPERVISOR, body: extension });
    expect(res.status).toBe(400);
    expect(res.body.violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_BREACH_DECISION_FIRST', field: 'breachSetAsideReason' }),
    ]);
    expect(await cautionRows()).toEqual(before);
    expect(await extensions()).toEqual([]);
  });

  it('extends with the reason the breach is set aside, recorded with the extension', async () => {
    const res = await api('POST', `/api/oocr/cautions/${id}/extension`, {
      as: SUPERVISOR,
      body: {
        ...extension,
        breachSetAsideReason: 'The provider cancelled the course: the miss was not the offender’s',
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ completionDueDate: daysFrom(100), breachSetAside: true });
    expect(await extensions()).toEqual([
      {
        exceptional_reason:
          'The course provider cancelled the sessions\nBreach set aside: The provider cancelled the course: the miss was not the offender’s',
      },
    ]);
  });
});
