import { INTERNAL_ASSERTION_HEADER } from '@oversight/auth';
import {
  ActorKind,
  buildEvent,
  encodeEvent,
  eventHeaders,
  NotificationChannel,
  NotificationLanguage,
  Processing,
  Topics,
} from '@oversight/contracts';
import { createKafka, createProducer } from '@oversight/messaging';
import { gatewayAssertionHeaders, REPO_ROOT, SHARED_KAFKA_BROKERS, waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { api, GATEWAY, query, tokenFor, validApplication } from './support';

describe('gateway hardening', () => {
  it('sends security headers (helmet) and no framework banner', async () => {
    const r = await fetch(`${GATEWAY}/health/live`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('gives no CORS permission to an origin that is not configured', async () => {
    const r = await fetch(`${GATEWAY}/api/complaint-reviews/applications`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('publishes one OpenAPI document covering the services behind it', async () => {
    const r = await api('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/complaint-reviews/applications',
        '/api/complaint-reviews/applications/{id}',
        '/api/audit/entries',
        '/auth/token',
      ]),
    );
    expect(r.body.components.schemas.CreateApplicationDto).toBeDefined();
  });

  describe('rate limiting', () => {
    let proc: ChildProcess;
    const port = 3990;
    beforeAll(async () => {
      const envText = execFileSync(
        'bash',
        ['-c', `source scripts/lib.sh && service_env gateway ${port} gateway`],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      const env: Record<string, string> = { ...process.env } as Record<string, string>;
      for (const line of envText.trim().split('\n'))
        env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
      env.RATE_LIMIT_PER_MINUTE = '5';
      env.TRUST_PROXY = '1'; // as behind the ingress: the client's address from X-Forwarded-For
      proc = spawn(
        'node',
        ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, 'apps/gateway/src/main.ts')],
        { env, stdio: 'ignore' },
      );
      await waitFor(
        'the rate-limited gateway',
        async () =>
          (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 200 ||
          (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 429,
        Boolean,
        { timeoutMs: 60_000, intervalMs: 300 },
      );
    });
    afterAll(() => {
      proc?.kill('SIGTERM');
    });

    it('answers 429 once a caller exceeds the configured requests per minute', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await fetch(`http://127.0.0.1:${port}/auth/demo-users`)).status);
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    });

    it('behind a trusted proxy, counts each client address apart (not the proxy’s one address)', async () => {
      const word = () => randomUUID().slice(0, 4);
      const [first, second] = [`2001:db8:${word()}:${word()}::1`, `2001:db8:${word()}:${word()}::2`];
      const from = async (address: string) =>
        (await fetch(`http://127.0.0.1:${port}/auth/demo-users`, { headers: { 'x-forwarded-for': address } }))
          .status;
      const firstStatuses: number[] = [];
      for (let i = 0; i < 7; i++) firstStatuses.push(await from(first));
      expect(firstStatuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(firstStatuses.slice(5)).toEqual([429, 429]);
      expect(await from(second)).toBe(200);
    });
  });

  // Issue 9 item 2: a service trusts only requests the gateway vouched for (docs/architecture.md
  // "How services trust requests"), so calling it directly cannot skip the reason and the access record.
  describe('direct calls to a service', () => {
    const COMPLAINT_REVIEWS = 'http://127.0.0.1:3101';
    const OOCR = 'http://127.0.0.1:3103';
    const direct = async (base: string, path: string, headers: Record<string, string>) => {
      const r = await fetch(`${base}${path}`, { headers });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    };
    const bearer = async (user: string) => ({ authorization: `Bearer ${await tokenFor(user)}` });

    it('are refused (401) with a valid token but no gateway assertion, saying to use the gateway', async () => {
      const apps = await direct(COMPLAINT_REVIEWS, '/applications', await bearer('reviewer.amara'));
      expect(apps.status).toBe(401);
      expect(apps.body.message).toMatch(/through the gateway/);
      const app = await direct(
        COMPLAINT_REVIEWS,
        `/applications/${randomUUID()}`,
        await bearer('reviewer.amara'),
      );
      expect(app.status).toBe(401);
      const disposal = await direct(OOCR, `/disposals/${randomUUID()}`, {
        ...(await bearer('cjops.dan')),
        'x-access-reason': 'checking the record directly',
      });
      expect(disposal.status).toBe(401);
      // The same reads through the gateway reach the service (which answers for the record itself).
      expect((await api('GET', '/api/complaint-reviews/applications', { as: 'reviewer.amara' })).status).toBe(
        200,
      );
    });

    it('are served with an assertion for exactly that request, and refused with one for another path, service or user', async () => {
      const token = await tokenFor('reviewer.amara');
      const id = randomUUID();
      const vouch = (o: { service?: string; path?: string; bearerToken?: string }) =>
        gatewayAssertionHeaders({
          service: o.service ?? 'complaint-reviews',
          method: 'GET',
          path: o.path ?? `/applications/${id}`,
          bearerToken: o.bearerToken ?? token,
        });
      // vouched: the service answers for the record (404: no such application)
      expect((await direct(COMPLAINT_REVIEWS, `/applications/${id}`, await vouch({}))).status).toBe(404);
      // an assertion made for another path, or another service, or another user's token
      const otherPath = await vouch({ path: `/applications/${randomUUID()}` });
      expect((await direct(COMPLAINT_REVIEWS, `/applications/${id}`, otherPath)).status).toBe(401);
      const otherService = await vouch({ service: 'oocr' });
      expect((await direct(COMPLAINT_REVIEWS, `/applications/${id}`, otherService)).status).toBe(401);
      const forManager = await vouch({ bearerToken: await tokenFor('manager.priya') });
      expect(
        (
          await direct(COMPLAINT_REVIEWS, `/applications/${id}`, {
            ...forManager,
            authorization: `Bearer ${token}`,
          })
        ).status,
      ).toBe(401);
      // a made-up assertion
      expect(
        (
          await direct(COMPLAINT_REVIEWS, `/applications/${id}`, {
            authorization: `Bearer ${token}`,
            [INTERNAL_ASSERTION_HEADER]: token,
          })
        ).status,
      ).toBe(401);
    });

    it('see only the access reason the gateway vouched for, not one added to the request', async () => {
      const token = await tokenFor('cjops.sgt.lena');
      const path = `/disposals/${randomUUID()}/special-category`;
      const withoutReason = await gatewayAssertionHeaders({
        service: 'oocr',
        method: 'GET',
        path,
        bearerToken: token,
      });
      const smuggled = await direct(OOCR, path, {
        ...withoutReason,
        'x-access-reason': 'added after the gateway',
      });
      expect(smuggled.status).toBe(400);
      expect(JSON.stringify(smuggled.body)).toMatch(/x-access-reason/i);
      const withReason = await gatewayAssertionHeaders({
        service: 'oocr',
        method: 'GET',
        path,
        bearerToken: token,
        reason: 'disproportionality scrutiny',
      });
      expect((await direct(OOCR, path, withReason)).status).toBe(404); // reason accepted; no such disposal
    });
  });

  // Issue 9 item 5: the operator's list shows where a parked message came from and why, not the person;
  // the payload goes only to a role that may read the service's records, with a reason, recorded.
  describe('parked messages (operations)', () => {
    const key = `hardening-${randomUUID()}`;
    const name = `Parkwood Testperson ${randomUUID().slice(0, 8)}`;
    let id: string;
    const LIST = '/api/oocr/operations/parked-messages';

    beforeAll(async () => {
      const producer = await createProducer(createKafka('gateway-hardening-it', SHARED_KAFKA_BROKERS));
      try {
        // Not valid JSON: the oocr consumer parks it with the raw payload, as it would a broken field-app event.
        await producer.send({
          topic: Topics.conditionEvidenceReported.name,
          acks: -1,
          messages: [{ key, value: `{"offenderName":"${name}","dateOfBirth":"2001-02-03",` }],
        });
      } finally {
        await producer.disconnect();
      }
      const row = await waitFor(
        'the message parked by oocr',
        async () => (await api('GET', LIST, { as: 'admin.kit' })).body as any[],
        (list) => Array.isArray(list) && list.some((m) => m.message_key === key),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      id = row.find((m: any) => m.message_key === key).id;
    });

    it('are listed for an administrator without their payload', async () => {
      const res = await api('GET', LIST, { as: 'admin.kit' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(name);
      const row = (res.body as any[]).find((m) => m.message_key === key);
      expect(row).toMatchObject({ topic: Topics.conditionEvidenceReported.name, payload_redacted: true });
      expect(row.payload).toBeUndefined();
      expect(row.payload_bytes).toBeGreaterThan(0);
      expect(row.error).toBeTruthy();
    });

    it('show the payload to a supervisor with a reason only, and record the read as a consultation', async () => {
      const path = `/api/oocr/operations/parked-messages/${id}/payload`;
      const reason = { 'x-access-reason': 'fixing a broken field-app message' };
      const admin = await api('GET', path, { as: 'admin.kit', headers: reason });
      expect(admin.status).toBe(403);
      expect(JSON.stringify(admin.body)).not.toContain(name);
      const noReason = await api('GET', path, { as: 'cjops.sgt.lena' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toMatch(/X-Access-Reason/i);
      const ok = await api('GET', path, { as: 'cjops.sgt.lena', headers: reason });
      expect(ok.status).toBe(200);
      expect(ok.body.payload).toContain(name);
      const records = await query<{ payload: string }>(
        'gateway',
        `SELECT payload FROM outbox_message WHERE topic = $1 AND message_key = $2`,
        [Topics.accessRecorded.name, id],
      );
      const recorded = records.map((r) => JSON.parse(r.payload));
      expect(recorded.map((r) => [r.recordType, r.statusCode, r.metadata?.justification ?? ''])).toEqual(
        expect.arrayContaining([
          ['parked-message', 403, reason['x-access-reason']],
          ['parked-message', 200, reason['x-access-reason']],
        ]),
      );
    });
  });

  // Issue 9 item 1, the attack as reported: a reviewer of another team asks notifications for a restricted
  // case's letters, by the (guessable) case reference and by id. The case's rules (team, restriction, managers)
  // travel from complaint-reviews with the letter request and notifications applies them on every read.
  describe('letters of a restricted case, read through notifications', () => {
    const complainant = `Hester Restricted-${randomUUID().slice(0, 8)}`;
    const REASON = { 'x-access-reason': 'checking what the complainant was sent' };
    let reference: string;
    let letterId: string;
    const read = (id: string, as: string) =>
      api('GET', `/api/notifications/notifications/${id}`, { as, headers: REASON });
    const listed = async (ref: string, as: string) => {
      const res = await api('GET', `/api/notifications/notifications?reference=${ref}`, { as });
      expect(res.status).toBe(200);
      return (res.body as { id: string }[]).map((n) => n.id);
    };

    beforeAll(async () => {
      const created = await api('POST', '/api/complaint-reviews/applications', {
        as: 'reviewer.amara', // team opcc-reviews-east
        body: validApplication({
          restricted: true,
          complainant: {
            fullName: complainant,
            email: 'h.restricted@example.org',
            contactPreference: 'EMAIL',
          },
        }),
      });
      expect(created.status).toBe(201);
      reference = created.body.reference;
      const ack = await api(
        'POST',
        `/api/complaint-reviews/applications/${created.body.id}/acknowledgement`,
        {
          as: 'reviewer.amara',
        },
      );
      expect(ack.status).toBe(202);
      const [row] = await waitFor(
        'the acknowledgement letter recorded by notifications',
        () => query('notifications', `SELECT id, status FROM notification WHERE reference = $1`, [reference]),
        (rows) => rows.length === 1 && rows[0].status !== 'QUEUED',
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      letterId = row.id;
    });

    it('gives a reviewer of another team nothing: an empty list, 403 by id without the content, recorded', async () => {
      expect(await listed(reference, 'reviewer.tom')).toEqual([]);
      const res = await read(letterId, 'reviewer.tom');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Hester');
      const recorded = (
        await query<{ payload: string }>(
          'gateway',
          `SELECT payload FROM outbox_message WHERE topic = $1 AND message_key = $2`,
          [Topics.accessRecorded.name, letterId],
        )
      ).map((r) => JSON.parse(r.payload));
      expect(
        recorded.map((e) => [e.metadata?.actor?.subject, e.statusCode, e.allowed ?? false]),
      ).toContainEqual(['reviewer.tom', 403, false]);
    });

    it('serves them to the owning team and to a manager of another team', async () => {
      expect(await listed(reference, 'reviewer.amara')).toEqual([letterId]);
      const own = await read(letterId, 'reviewer.amara');
      expect(own.status).toBe(200);
      expect(own.body.body).toContain(complainant);
      expect((await read(letterId, 'manager.priya')).status).toBe(200);
    });

    it('gives the content of a letter that came without its case’s rules only to the role reading every case', async () => {
      const ref = `CR-HARD-${randomUUID().slice(0, 8).toUpperCase()}`;
      const notificationId = randomUUID();
      const event = buildEvent(
        Topics.notificationRequested,
        {
          aggregateId: notificationId,
          actor: { subject: 'complaint-reviews', kind: ActorKind.SERVICE },
          correlationId: `hardening-${ref}`,
          processing: Processing.DISCLOSURE,
        },
        {
          notificationId,
          channel: NotificationChannel.EMAIL,
          templateKey: 'complaint-review.acknowledgement',
          language: NotificationLanguage.ENGLISH,
          recipient: { emailAddress: 'una.unscoped@example.org' },
          personalisation: {
            name: 'Una Unscoped',
            received_on: '18 November 2026',
            target_weeks: '12',
            contact_details: 'reviews@opcc.example.gov.uk',
            review_body_name: 'Office of the Police and Crime Commissioner',
          },
          reference: ref,
          requestedByService: 'complaint-reviews',
          dataSubjectId: randomUUID(),
          // no accessScope: as requested before issue 9 item 1
        },
      );
      const producer = await createProducer(createKafka('gateway-hardening-it', SHARED_KAFKA_BROKERS));
      try {
        await producer.send({
          topic: Topics.notificationRequested.name,
          acks: -1,
          messages: [
            {
              key: notificationId,
              value: encodeEvent(Topics.notificationRequested, event),
              headers: eventHeaders(event),
            },
          ],
        });
      } finally {
        await producer.disconnect();
      }
      await waitFor(
        'the unscoped notification recorded',
        () => query('notifications', `SELECT id FROM notification WHERE id = $1`, [notificationId]),
        (rows) => rows.length === 1,
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(await listed(ref, 'reviewer.amara')).toEqual([]);
      expect((await read(notificationId, 'reviewer.amara')).status).toBe(403);
      expect(await listed(ref, 'manager.priya')).toEqual([notificationId]);
      expect((await read(notificationId, 'manager.priya')).status).toBe(200);
    });
  });
});
