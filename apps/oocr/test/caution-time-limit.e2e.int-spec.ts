// The summary-only time limit (domain.md 2.1.13, 2.6.5) re-checked when a running caution's completion date moves:
// a summary offence 40 days old is fine at 16 weeks, but an extension to 20 weeks plus the breach-handling buffer
// passes offence date + 6 months. Refused (naming the rule, nothing written) until acknowledged with a reason;
// then the extension is made, the warning returned and recorded with it.
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { api, cautionWorkflowRunning, daysFrom, query, today } from './support';

const OFFICER = 'cjops.dan';
const SUPERVISOR = 'cjops.sgt.lena';

describe('extending a summary-only caution towards the time limit', () => {
  let id: string;
  /** What a change to this caution writes (other tests and benchmarks write to the same tables meanwhile). */
  const cautionRows = async () => ({
    extensions: await query('oocr', 'SELECT * FROM caution_extension WHERE caution_id = $1', [id]),
    caution: await query(
      'oocr',
      `SELECT state_version, to_char(completion_due_date, 'YYYY-MM-DD') AS due, extension_reason
         FROM caution WHERE disposal_id = $1`,
      [id],
    ),
    events: await query('oocr', 'SELECT id FROM outbox_message WHERE message_key = $1 ORDER BY seq', [id]),
  });
  const extension = {
    newCompletionDueDate: daysFrom(140),
    exceptionalReason: 'The only course with places starts in week 17',
    authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
  };

  beforeAll(async () => {
    const r = await api('POST', '/api/oocr/disposals', {
      as: OFFICER,
      body: {
        disposalType: 'ADULT_CONDITIONAL_CAUTION',
        issueDate: today(),
        district: 'dover',
        offender: { fullName: `Sam Kerr-${randomUUID().slice(0, 6)}`, dateOfBirth: '1985-10-10' },
        offence: {
          code: '5/1',
          description: 'Drunk and disorderly',
          classification: 'SUMMARY_ONLY',
          offenceDate: daysFrom(-40),
          offenceGroup: 'PUBLIC_ORDER_OFFENCES',
        },
        issuingOfficer: { id: 'pc.5120', name: 'PC Ndlovu' },
        authoriser: { id: 'ps.2210', rank: 'SERGEANT' },
        admission: 'ADMITTED',
        evidenceSufficientToCharge: true,
        effectExplainedWithBreachWarning: true,
        signedConsent: { documentRef: `DOC-${randomUUID().slice(0, 8)}`, signedOn: today() },
        hasIdentifiableVictim: false,
        conditions: [
          {
            purpose: 'REHABILITATIVE',
            kind: 'COURSE',
            description: 'Alcohol awareness course',
            dueDate: daysFrom(60),
          },
        ],
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.acknowledgedWarnings).toEqual([]); // 16 weeks: inside the limit
    id = r.body.id;
    await cautionWorkflowRunning(id);
  });

  it('refuses the extension until the time-limit risk is acknowledged, changing nothing', async () => {
    const before = await cautionRows();
    const r = await api('POST', `/api/oocr/cautions/${id}/extension`, { as: SUPERVISOR, body: extension });
    expect(r.status).toBe(400);
    expect(r.body.violations).toEqual([
      expect.objectContaining({ rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK', field: 'newCompletionDueDate' }),
    ]);
    expect(r.body.violations[0].message).toMatch(/acknowledge it with a reason/);
    expect(await cautionRows()).toEqual(before);
  });

  it('extends once acknowledged: the warning is returned and recorded with the extension', async () => {
    const reason = 'Supervisor accepts a breach may not be prosecutable';
    const r = await api('POST', `/api/oocr/cautions/${id}/extension`, {
      as: SUPERVISOR,
      body: { ...extension, acknowledgements: [{ rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK', reason }] },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      completionDueDate: daysFrom(140),
      warnings: [
        expect.objectContaining({
          rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK',
          field: 'newCompletionDueDate',
          reason,
          acknowledgedBy: SUPERVISOR,
        }),
      ],
    });
    const [row] = await query(
      'oocr',
      `SELECT to_char(new_due_date, 'YYYY-MM-DD') AS due, acknowledged_warnings FROM caution_extension WHERE caution_id = $1`,
      [id],
    );
    expect(row.due).toBe(daysFrom(140));
    expect(row.acknowledged_warnings).toEqual([
      expect.objectContaining({
        rule: 'OOCR_SUMMARY_TIME_LIMIT_AT_RISK',
        reason,
        acknowledgedBy: SUPERVISOR,
      }),
    ]);
    const state = await waitFor(
      'the workflow to take the new date',
      async () => (await api('GET', `/api/oocr/cautions/${id}/workflow-state`, { as: OFFICER })).body,
      (s) => s?.completionDueDate === daysFrom(140),
    );
    expect(state.status).toBe('ACTIVE');
  });
});
