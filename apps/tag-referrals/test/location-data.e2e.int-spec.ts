// Location data (issue 11 item 7) end to end through the gateway, on the running stack: stored apart, shown only to
// the roles that review it and only with a reason, every view and export logged (service log + audit trail), and the
// retention sweep erasing only expired points, once, with the erasure itself audited.
import { Topics } from '@oversight/contracts';
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import { api, auditEntries, ExternalPublisher, externalEvent, query, today } from './support';

const RUN = randomUUID().slice(0, 8).toUpperCase();
const REFERRER = 'partner.yjs';
const COORDINATOR = 'vru.sam';
const PRACTITIONER = 'vru.practitioner.ola';
const MANAGER = 'vru.manager.rhian';
const ADMIN = 'admin.kit';
const BASE = '/api/tag-referrals';

const bornAged = (years: number) => {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** A referral taken to a fitted tag (IOM pool, an adult: only the person's own consent). */
async function fittedEpisode(): Promise<{ id: string; serial: string }> {
  const created = await api('POST', `${BASE}/referrals`, {
    as: REFERRER,
    body: {
      subjectName: `Location Test ${RUN}`,
      dateOfBirth: bornAged(21),
      addressLines: ['2 Test Road', 'Gillingham'],
      referrerEmail: 'yjs.referrals@example.org',
      agency: 'YOUTH_JUSTICE',
      grounds: 'CRIMINAL_EXPLOITATION_RISK',
      multiAgencyPlanRef: `CIN-${RUN}`,
      riskLevel: 'HIGH',
      tagType: 'GPS',
      monitoringBasis: 'VOLUNTARY',
      pool: 'IOM',
      summary: 'Location data e2e.',
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(
    (await api('POST', `${BASE}/referrals/${id}/triage`, { as: COORDINATOR, body: { decision: 'ACCEPT' } }))
      .status,
  ).toBe(200);
  expect(
    (
      await api('POST', `${BASE}/referrals/${id}/consents`, {
        as: COORDINATOR,
        body: {
          party: 'SUBJECT',
          givenBy: 'the person',
          method: 'SIGNED_FORM',
          informationVersion: 'v2.1',
          givenOn: today(),
        },
      })
    ).status,
  ).toBe(201);
  const serial = `E2E-LOC-${RUN}`;
  expect((await api('POST', `${BASE}/tags`, { as: COORDINATOR, body: { serial, pool: 'IOM' } })).status).toBe(
    201,
  );
  expect(
    (await api('POST', `${BASE}/referrals/${id}/allocation`, { as: COORDINATOR, body: { serial } })).status,
  ).toBe(200);
  await api('POST', `${BASE}/consumables`, { as: COORDINATOR, body: { kind: 'LOCKING_PLATE', change: 2 } });
  await api('POST', `${BASE}/consumables`, {
    as: COORDINATOR,
    body: { kind: 'STRAP', size: 'M', change: 1 },
  });
  const fit = await api('POST', `${BASE}/referrals/${id}/fitting`, {
    as: PRACTITIONER,
    body: { fittedOn: today(), fittedWhere: 'youth centre', strapSize: 'M' },
  });
  expect(fit.status).toBe(200);
  return { id, serial };
}

const points = (referralId: string) =>
  query<{ recorded_at: Date; latitude: number }>(
    'tag_referrals',
    'SELECT recorded_at, latitude FROM location.location_point WHERE referral_id = $1 ORDER BY recorded_at',
    [referralId],
  );
const accessLog = (referralId: string) =>
  query<{ processing: string; actor: string; point_count: number; justification: string; recipient: string }>(
    'tag_referrals',
    'SELECT processing, actor, point_count, justification, recipient FROM location.location_access WHERE referral_id = $1 ORDER BY at',
    [referralId],
  );

describe('location data (issue 11 item 7, through the gateway)', () => {
  const publisher = new ExternalPublisher();
  let id: string;
  let serial: string;
  const reason = `e2e ${RUN}: reviewing yesterday's movements after a missing episode`;

  beforeAll(async () => {
    ({ id, serial } = await fittedEpisode());
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    await publisher.publish(
      Topics.tagDeviceEventReported,
      externalEvent(
        Topics.tagDeviceEventReported,
        { aggregateId: serial, subject: 'buddi-platform', correlationId: `e2e-loc-${RUN}` },
        {
          deviceEventId: randomUUID(),
          tagSerial: serial,
          kind: 'ZONE',
          observedAt: minutesAgo(1),
          detail: 'entered exclusion zone',
          locations: [
            {
              recordedAt: minutesAgo(3),
              latitude: 51.3801,
              longitude: 0.5221,
              accuracyMetres: 8,
              source: 'GPS',
            },
            {
              recordedAt: minutesAgo(2),
              latitude: 51.3803,
              longitude: 0.5225,
              accuracyMetres: 9,
              source: 'GPS',
            },
            {
              recordedAt: minutesAgo(1),
              latitude: 51.3806,
              longitude: 0.5229,
              accuracyMetres: 0,
              source: 'GSM',
            },
          ],
        },
      ),
    );
    await waitFor(
      'three location points stored',
      () => points(id),
      (r) => r.length === 3,
    );
  });
  afterAll(() => publisher.close());

  it('is stored apart: not in the device event, its review task, the referral view or any event', async () => {
    const task = await query('tag_referrals', `SELECT detail::text AS d FROM task WHERE referral_id = $1`, [
      id,
    ]);
    expect(task.length).toBeGreaterThan(0);
    for (const t of task) expect(t.d).not.toMatch(/51\.38|latitude/);
    const referral = await api('GET', `${BASE}/referrals/${id}`, { as: COORDINATOR, reason });
    expect(referral.status).toBe(200);
    expect(referral.text).not.toMatch(/51\.38|latitude/);
    const events = await query(
      'tag_referrals',
      `SELECT count(*)::int AS n FROM outbox_message WHERE message_key = $1 AND payload LIKE '%51.38%'`,
      [id],
    );
    expect(events[0].n).toBe(0);
  });

  it('a bad fix parks the whole event, never dropped, and stores nothing', async () => {
    const deviceEventId = randomUUID();
    await publisher.publish(
      Topics.tagDeviceEventReported,
      externalEvent(
        Topics.tagDeviceEventReported,
        { aggregateId: serial, subject: 'buddi-platform', correlationId: `e2e-loc-bad-${RUN}` },
        {
          deviceEventId,
          tagSerial: serial,
          kind: 'DAILY_SUMMARY',
          summaryDate: today(),
          observedAt: new Date().toISOString(),
          locations: [{ recordedAt: new Date().toISOString(), latitude: 95, longitude: 0.5, source: 'GPS' }],
        },
      ),
    );
    const parked = await waitFor(
      'the bad fix parked',
      () =>
        query('tag_referrals', `SELECT error FROM parked_message WHERE payload LIKE $1`, [
          `%${deviceEventId}%`,
        ]),
      (rows) => rows.length === 1,
    );
    expect(parked[0].error).toContain('TAG_LOCATION_LATITUDE');
    expect(
      (
        await query('tag_referrals', `SELECT count(*)::int AS n FROM device_event WHERE id = $1`, [
          deviceEventId,
        ])
      )[0].n,
    ).toBe(0);
    expect(await points(id)).toHaveLength(3);
  });

  it('needs a reason (4xx naming it) and a reviewing role (403); refusals release and log nothing', async () => {
    const noReason = await api('GET', `${BASE}/referrals/${id}/locations`, { as: PRACTITIONER });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/X-Access-Reason/i);
    for (const who of [COORDINATOR, REFERRER, 'auditor.ruth']) {
      const res = await api('GET', `${BASE}/referrals/${id}/locations`, { as: who, reason });
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
    const practitionerExport = await api('GET', `${BASE}/referrals/${id}/locations.csv?recipient=YOT`, {
      as: PRACTITIONER,
      reason,
    });
    expect(practitionerExport.status).toBe(403);
    const noRecipient = await api('GET', `${BASE}/referrals/${id}/locations.csv`, { as: MANAGER, reason });
    expect(noRecipient.status).toBe(400);
    expect(noRecipient.text).toContain('TAG_LOCATION_RECIPIENT_REQUIRED');
    const tooLong = await api('GET', `${BASE}/referrals/${id}/locations?from=2026-01-01&to=${today()}`, {
      as: PRACTITIONER,
      reason,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('TAG_LOCATION_PERIOD_TOO_LONG');
    expect(await accessLog(id)).toEqual([]);
  });

  it('a view is logged as a consultation and an export as a disclosure: who, why, which episode, how many', async () => {
    const view = await api('GET', `${BASE}/referrals/${id}/locations`, { as: PRACTITIONER, reason });
    expect(view.status).toBe(200);
    expect(view.body.points).toHaveLength(3);
    expect(view.body.points[0]).toMatchObject({ latitude: 51.3801, longitude: 0.5221, source: 'GPS' });
    const recipient = `Medway YOT case worker ${RUN}`;
    const csv = await api(
      'GET',
      `${BASE}/referrals/${id}/locations.csv?recipient=${encodeURIComponent(recipient)}`,
      { as: MANAGER, reason, headers: { accept: 'text/csv' } },
    );
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('reference,recorded_at,latitude,longitude,accuracy_metres,source');
    expect(lines).toHaveLength(4);
    expect(await accessLog(id)).toEqual([
      expect.objectContaining({
        processing: 'CONSULTATION',
        actor: PRACTITIONER,
        point_count: 3,
        justification: reason,
      }),
      expect.objectContaining({ processing: 'DISCLOSURE', actor: MANAGER, point_count: 3, recipient }),
    ]);
    const trail = await waitFor(
      'consultation and disclosure in the audit trail',
      () => auditEntries(id),
      (e) =>
        e.filter(
          (x: any) => x.recordType === 'vru-tag-location' && /location points/.test(x.justification ?? ''),
        ).length >= 2,
      { timeoutMs: 60_000 },
    );
    const mine = trail.filter(
      (x: any) => x.recordType === 'vru-tag-location' && /location points/.test(x.justification),
    );
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ processing: 'CONSULTATION', actorSubject: PRACTITIONER }),
        expect.objectContaining({ processing: 'DISCLOSURE', actorSubject: MANAGER, recipient }),
      ]),
    );
    for (const e of mine) expect(e.justification).toContain('[3 location points');
  });

  it('the retention sweep erases only expired points, once across concurrent runs, and audits the erasure', async () => {
    // Two of the three fixes age past the retention (TAG_LOCATION_RETENTION_DAYS, 30 by default).
    await query(
      'tag_referrals',
      `UPDATE location.location_point SET recorded_at = recorded_at - interval '40 days'
        WHERE id IN (SELECT id FROM location.location_point WHERE referral_id = $1 ORDER BY recorded_at LIMIT 2)`,
      [id],
    );
    const refused = await api('POST', `${BASE}/operations/location-retention`, { as: MANAGER, body: {} });
    expect(refused.status).toBe(403);
    const runs = await Promise.all(
      [1, 2, 3].map(() => api('POST', `${BASE}/operations/location-retention`, { as: ADMIN, body: {} })),
    );
    for (const r of runs) expect(r.status).toBe(200);
    const left = await waitFor(
      'expired points erased',
      () => points(id),
      (r) => r.length === 1,
    );
    expect(left[0].latitude).toBe(51.3806);
    const erasures = (await accessLog(id)).filter((a) => a.processing === 'ERASURE');
    expect(erasures).toEqual([expect.objectContaining({ actor: 'tag-referrals', point_count: 2 })]);
    expect(erasures[0].justification).toMatch(/^retention: location points recorded before /);
    const trail = await waitFor(
      'the erasure in the audit trail',
      () => auditEntries(id),
      (e) => e.some((x: any) => x.processing === 'ERASURE' && x.recordType === 'vru-tag-location'),
      { timeoutMs: 60_000 },
    );
    const erased = trail.filter((x: any) => x.processing === 'ERASURE');
    expect(erased).toHaveLength(1);
    expect(erased[0].justification).toContain('[2 location points');
    expect(erased[0].justification).not.toContain('51.38');
  });
});
