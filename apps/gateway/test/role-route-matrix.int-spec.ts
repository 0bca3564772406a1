import { ALL_ROLES, DEMO_USERS, Role } from '@oversight/auth';
import { randomUUID } from 'node:crypto';
import { ROUTES } from '../src/routing/route.table';
import { api, query } from './support';

/**
 * Generated from the gateway's route table: every route × every role. A role the route does not
 * name must get 403 and write nothing but the gateway's access record (when the route records access); a role it names must get past the gateway (any answer but
 * 401/403, since the placeholder ids and empty bodies fail later, in the owning service).
 */
const userFor = (role: Role) => DEMO_USERS.find((u) => u.roles.includes(role))!.username;

const cases = ROUTES.flatMap((route) =>
  ALL_ROLES.map((role) => ({
    route,
    role,
    allowed: route.roles.includes(role),
    label: `${role.padEnd(18)} ${route.method.padEnd(4)} ${route.path}`,
  })),
);

/**
 * What one request wrote, found by its own correlation id (the gateway takes x-correlation-id and every
 * outbox row carries it), so that other work on the shared stack cannot disturb the count: rows in the
 * gateway's outbox (the access record) and in every service's outbox.
 */
const SERVICE_DATABASES = [
  'complaint_reviews',
  'oocr',
  'notifications',
  'audit',
  'tag_referrals',
  'knife_swaps',
];
async function writtenUnder(correlationId: string): Promise<{ gateway: number; services: number }> {
  const count = async (db: string) =>
    (
      await query<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM outbox_message WHERE headers->>'x-correlation-id' = $1`,
        [correlationId],
      )
    )[0].n;
  const services = await Promise.all(SERVICE_DATABASES.map(count));
  return { gateway: await count('gateway'), services: services.reduce((a, b) => a + b, 0) };
}

describe('role × route matrix (deny by default)', () => {
  it('covers every route and every role', () => {
    expect(cases.length).toBe(ROUTES.length * ALL_ROLES.length);
    expect(new Set(ALL_ROLES.map(userFor)).size).toBe(ALL_ROLES.length);
  });

  it.each(cases)('$label → allowed: $allowed', async ({ route, role, allowed }) => {
    const path = `/api${route.path.replace(/:[a-zA-Z]+/g, randomUUID())}`;
    const correlationId = `role-matrix-${randomUUID()}`;
    const res = await api(route.method, path, {
      as: userFor(role),
      body: route.method === 'GET' ? undefined : {},
      headers: { 'x-access-reason': 'role matrix test', 'x-correlation-id': correlationId },
    });
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      // A refused read of a personal-data route is itself recorded; nothing else may be written.
      expect(await writtenUnder(correlationId)).toEqual({ gateway: route.access ? 1 : 0, services: 0 });
    }
  });
});

/**
 * Ownership (issue 9 item 3; rule in libs/complaints/review-rules case-ownership.rule.ts): reading a
 * case may cross teams, acting on it needs it to be yours (assigned to you, or unassigned in your team or
 * recorded by you) or a manager. Generated from the route table: every action route on a review, with a
 * body that passes validation, called on a case of reviewer.amara's team assigned to her.
 */
const CASE_ACTION_BODIES: Record<string, unknown> = {
  acknowledgement: undefined,
  assignment: {},
  'information-request': undefined,
  'information-received': { inWriting: true },
  'proceed-despite-missing-items': { reason: 'The applicant cannot give the complaint date' },
  'clock-stop': { reason: 'AWAITING_PSD_FILE' },
  'clock-restart': undefined,
  'extension-decision': { outcome: 'EXTENDED', reasons: 'Special circumstances: a stay in hospital' },
  'review-body-assessment': {
    officerRanks: ['INSPECTOR'],
    couldNotRuleOutProceedingsOrArticle2Or3: false,
    referredOrMustBeReferredToIopc: false,
    treatedAsReferredByIopc: false,
    sameIncidentAsIopcComplaint: false,
    anyPartWithinIopcCriteria: false,
    appropriateAuthorityIsLocalPolicingBody: false,
  },
  withdrawal: { reason: 'Withdrawn by phone' },
  'decision-not-to-act': { considered: 'Requesting the PSD case file', reason: 'Not needed' },
  closure: { reason: 'NOT_ELIGIBLE', note: 'Not handled under Schedule 3' },
  decision: { outcome: 'NOT_UPHELD', rationale: 'Reasonable and proportionate' },
  'case-file-request': { requestedItems: ['The investigation report'] },
};
const actionRoutes = ROUTES.filter(
  (r) => r.method === 'POST' && /^\/complaint-reviews\/applications\/:id\/[a-z-]+$/.test(r.path),
).map((r) => r.path.split('/').pop()!);

/** What an action on the case writes in its transaction: its version, decision-log entries, events, letters (clocks follow the events, written by consumers). */
const caseRows = async (id: string) =>
  (
    await query(
      'complaint_reviews',
      `SELECT a.version,
              (SELECT count(*)::int FROM decision_log_entry d WHERE d.application_id = a.id) AS log,
              (SELECT count(*)::int FROM outbox_message o WHERE o.message_key = a.id::text) AS events,
                (SELECT count(*)::int FROM letter l WHERE l.application_id = a.id) AS letters
         FROM review_application a WHERE a.id = $1`,
      [id],
    )
  )[0];

describe('role × route × ownership: acting on another reviewer’s case', () => {
  async function assignedCase(): Promise<string> {
    const created = await api('POST', '/api/complaint-reviews/applications', {
      as: 'reviewer.amara',
      body: {
        channel: 'EMAIL',
        receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
        forceComplaintReference: 'PSD/2026/01234',
        handling: 'OTHERWISE_THAN_BY_INVESTIGATION',
        grounds: 'The outcome did not address my complaint.',
        complainant: {
          fullName: 'Ida Marchetti',
          email: 'i.marchetti@example.org',
          contactPreference: 'EMAIL',
        },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const claimed = await api('POST', `/api/complaint-reviews/applications/${id}/assignment`, {
      as: 'reviewer.amara',
      body: {},
    });
    expect(claimed.status).toBe(200);
    return id;
  }

  it('has a valid body for every action route on a review (receipt notifications and case-file upload aside)', () => {
    const untested = ['receipt-notifications', 'case-file'];
    expect(actionRoutes.filter((a) => !untested.includes(a)).sort()).toEqual(
      Object.keys(CASE_ACTION_BODIES).sort(),
    );
  });

  it.each(Object.keys(CASE_ACTION_BODIES))(
    'POST …/:id/%s by a reviewer who does not own the case → 403, nothing written',
    async (action) => {
      const id = await assignedCase();
      const before = await caseRows(id);
      const res = await api('POST', `/api/complaint-reviews/applications/${id}/${action}`, {
        as: 'reviewer.tom',
        body: CASE_ACTION_BODIES[action],
      });
      expect(res.status).toBe(403);
      expect(await caseRows(id)).toEqual(before);
      for (const owner of ['reviewer.amara', 'manager.priya']) {
        const allowed = await api('POST', `/api/complaint-reviews/applications/${id}/${action}`, {
          as: owner,
          body: CASE_ACTION_BODIES[action],
        });
        expect(allowed.status).not.toBe(403);
      }
    },
  );
});
