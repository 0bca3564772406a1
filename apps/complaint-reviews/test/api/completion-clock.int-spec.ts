import { connectTemporalClient } from '@oversight/temporal';
import { SHARED_TEMPORAL_ADDRESS, waitFor } from '@oversight/testing';
import { Client as TemporalClient } from '@temporalio/client';
import { CompletionClockState } from '../../src/workflows/completion-clock.types';
import { api, query, rowCounts, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * The completion clock on the real stack: started by the consumer when the OPCC is confirmed as the
 * review body, stopped and restarted through the API (the due date row and the workflow agree), met
 * by the decision; cancelled when a case is withdrawn.
 */
const BASE = '/api/complaint-reviews';

describe('completion clock through the API', () => {
  let temporal: TemporalClient;
  beforeAll(async () => {
    temporal = await connectTemporalClient({ address: SHARED_TEMPORAL_ADDRESS, namespace: 'default' });
  });
  afterAll(async () => {
    await temporal.connection.close();
  });

  async function acceptedCase(): Promise<{ id: string; workflowId: string }> {
    const created = await api('POST', `${BASE}/applications`, {
      as: 'reviewer.amara',
      body: validApplication({ appropriateAuthority: 'Chief Constable of Kent Police' }),
    });
    const id = created.body.id;
    expect(
      (
        await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
          as: 'reviewer.amara',
          body: NO_IOPC_CRITERION,
        })
      ).status,
    ).toBe(201);
    const clock = await waitFor<{ workflow_id: string; status: string } | undefined>(
      'the completion clock row',
      async () =>
        (
          await query(
            'complaint_reviews',
            `SELECT workflow_id, status FROM review_clock WHERE application_id = $1 AND kind = 'COMPLETION'`,
            [id],
          )
        )[0],
      (row) => row !== undefined,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(clock!.status).toBe('RUNNING');
    return { id, workflowId: clock!.workflow_id };
  }

  const workflowState = (workflowId: string) =>
    temporal.workflow.getHandle(workflowId).query<CompletionClockState>('state');

  it('stops and restarts with a reason, then the decision meets it', async () => {
    const { id, workflowId } = await acceptedCase();
    const running = await waitFor(
      'the workflow',
      () => workflowState(workflowId),
      (s) => s.status === 'RUNNING',
    );
    const before = await rowCounts();
    const bad = await api('POST', `${BASE}/applications/${id}/clock-stop`, {
      as: 'reviewer.amara',
      body: { reason: 'OTHER' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.violations[0].field).toBe('note');
    expect(await rowCounts()).toEqual(before);

    const stop = await api('POST', `${BASE}/applications/${id}/clock-stop`, {
      as: 'reviewer.amara',
      body: { reason: 'AWAITING_PSD_FILE' },
    });
    expect(stop.status).toBe(201);
    await waitFor(
      'the workflow to stop',
      () => workflowState(workflowId),
      (s) => s.status === 'STOPPED',
    );
    // The case shows the clock stopped, with the reason, outside Temporal too.
    const stopped = await api('GET', `${BASE}/applications/${id}`, {
      as: 'reviewer.amara',
      headers: { 'x-access-reason': 'e2e: clock stop' },
    });
    expect(stopped.body.clocks).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'COMPLETION', status: 'STOPPED' })]),
    );
    expect(stopped.body.clockStops).toEqual([
      expect.objectContaining({ reason: 'AWAITING_PSD_FILE', to: null, stoppedBy: 'reviewer.amara' }),
    ]);
    expect(
      (
        await api('POST', `${BASE}/applications/${id}/clock-stop`, {
          as: 'reviewer.amara',
          body: { reason: 'AWAITING_PSD_FILE' },
        })
      ).status,
    ).toBe(409);

    const restart = await api('POST', `${BASE}/applications/${id}/clock-restart`, { as: 'reviewer.amara' });
    expect(restart.status).toBe(200);
    // Stopped and restarted on the same day: no working day lost, the due date is unchanged.
    expect(restart.body).toMatchObject({ clock: 'RUNNING', dueOn: running.dueOn, workingDaysStopped: 0 });
    await waitFor(
      'the workflow to restart',
      () => workflowState(workflowId),
      (s) => s.status === 'RUNNING' && s.stops === 1,
    );

    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'NOT_UPHELD', rationale: 'Reasonable and proportionate.' },
    });
    expect(decided.status).toBe(201);
    await waitFor(
      'the clock to be met',
      async () =>
        (
          await query('complaint_reviews', `SELECT status FROM review_clock WHERE workflow_id = $1`, [
            workflowId,
          ])
        )[0],
      (c) => c.status === 'MET',
    );
    const c = await api('GET', `${BASE}/applications/${id}`, {
      as: 'reviewer.amara',
      headers: { 'x-access-reason': 'e2e: clock log check' },
    });
    expect(c.body.decisionLog.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['CLOCK_STOPPED', 'CLOCK_RESTARTED']),
    );
  });

  it('cancels the clocks of a withdrawn case', async () => {
    const { id, workflowId } = await acceptedCase();
    expect(
      (
        await api('POST', `${BASE}/applications/${id}/withdrawal`, {
          as: 'reviewer.amara',
          body: { reason: 'Withdrawn by phone.' },
        })
      ).status,
    ).toBe(201);
    const clocks = await query(
      'complaint_reviews',
      `SELECT status FROM review_clock WHERE application_id = $1`,
      [id],
    );
    expect(clocks.every((k) => k.status === 'CANCELLED')).toBe(true);
    const d = await waitFor(
      'the workflow to end',
      () => temporal.workflow.getHandle(workflowId).describe(),
      (x) => x.status.name !== 'RUNNING',
    );
    expect(d.status.name).toBe('TERMINATED');
  });
});
