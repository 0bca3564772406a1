// The referral view's `safeContact` (how a domestic-abuse household may be contacted: the channel agreed with the
// victim as safe, and its address or number), on the real stack through the gateway: shown to the VRU coordinator,
// manager and practitioner on a read that gave a reason; never to a partner, the referring one included; null on an
// ordinary referral. Every answer is checked against the gateway's published OpenAPI schema of the view.
import { randomUUID } from 'node:crypto';
import { api, COORDINATOR, EARLY_HELP, GATEWAY, MANAGER, PRACTITIONER, referralBody, YJS } from './support';

const SAFE_PHONE = '07700 900654';
const SHARED_EMAIL = 'shared.inbox@example.org';
const REASON = 'arranging the pre-offer visit safely';

type Schema = Record<string, any>;
let doc: Schema;

/** The OpenAPI 3.0 subset the views use: type, nullable, enum, properties/required, items, $ref, allOf. */
function conformance(value: unknown, schema: Schema, at = '$'): string[] {
  if (schema.$ref) return conformance(value, doc.components.schemas[schema.$ref.split('/').pop()], at);
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.allOf) return schema.allOf.flatMap((s: Schema) => conformance(value, s, at));
  if (schema.enum && !schema.enum.includes(value)) return [`${at} ${JSON.stringify(value)} not in enum`];
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const ok =
    !schema.type ||
    schema.type === actual ||
    (schema.type === 'number' && actual === 'integer') ||
    (schema.type === 'object' && actual === 'object');
  if (!ok) return [`${at} is ${actual}, documented ${schema.type}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => conformance(v, schema.items ?? {}, `${at}[${i}]`));
  if (actual !== 'object') return [];
  const o = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((k: string) => !(k in o)).map((k: string) => `${at}.${k} missing`),
    ...Object.entries((schema.properties ?? {}) as Record<string, Schema>)
      .filter(([k]) => k in o)
      .flatMap(([k, s]) => conformance(o[k], s, `${at}.${k}`)),
  ];
}

const viewSchema = () =>
  doc.paths['/api/knife-swaps/referrals/{id}'].get.responses['200'].content['application/json'].schema;

async function referral(over: Record<string, unknown>): Promise<string> {
  const r = await api('POST', '/referrals', {
    as: EARLY_HELP,
    body: referralBody({ partnerCaseRef: `SC-${randomUUID().slice(0, 8)}`, ...over }),
  });
  if (r.status !== 201) throw new Error(`referral: ${r.status} ${r.text}`);
  return r.body.id as string;
}

const domesticAbuse = (over: Record<string, unknown> = {}) => ({
  reason: 'HIGH_RISK_DOMESTIC_ABUSE',
  daRiskAssessmentRef: `DASH-${randomUUID().slice(0, 6)}`,
  householderPhone: SAFE_PHONE,
  householderEmail: SHARED_EMAIL,
  ...over,
});

beforeAll(async () => {
  const r = await fetch(`${GATEWAY}/docs/openapi.json`);
  expect(r.status).toBe(200);
  doc = (await r.json()) as Schema;
});

describe('the referral view’s safe contact (domestic abuse)', () => {
  let smsAgreed: string;
  beforeAll(async () => {
    smsAgreed = await referral(domesticAbuse({ safeContact: 'SMS' }));
  });

  it('documents safeContact in the view: a nullable object of channel (EMAIL, SMS, NONE or null) and contact', () => {
    const view = doc.components.schemas.SkrsReferralView;
    expect(viewSchema()).toEqual({ $ref: '#/components/schemas/SkrsReferralView' });
    expect(view.required).toContain('safeContact');
    expect(view.properties.safeContact).toMatchObject({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/SkrsSafeContactView' }],
    });
    expect(doc.components.schemas.SkrsSafeContactView.properties).toMatchObject({
      channel: { type: 'string', enum: ['EMAIL', 'SMS', 'NONE'], nullable: true },
      contact: { type: 'string', nullable: true },
    });
  });

  it.each([
    ['the VRU coordinator', COORDINATOR],
    ['the VRU manager', MANAGER],
    ['the VRU practitioner', PRACTITIONER],
  ])('%s, giving a reason, sees the agreed channel and the number it goes to', async (_who, user) => {
    const read = await api('GET', `/referrals/${smsAgreed}`, { as: user, reason: REASON });
    expect(read.status).toBe(200);
    expect(read.body.safeContact).toEqual({ channel: 'SMS', contact: SAFE_PHONE });
    expect(conformance(read.body, viewSchema())).toEqual([]);
    // The check can fail: an answer off the documented shape is caught.
    expect(conformance({ ...read.body, safeContact: { channel: 'LETTER' } }, viewSchema())).toEqual([
      '$.safeContact.contact missing',
      '$.safeContact.channel "LETTER" not in enum',
    ]);
  });

  it('without a reason nobody gets the record: 400 naming the header, no contact in the answer', async () => {
    const read = await api('GET', `/referrals/${smsAgreed}`, { as: COORDINATOR });
    expect(read.status).toBe(400);
    expect(read.body.violations[0]).toMatchObject({
      rule: 'SKRS_ACCESS_REASON_REQUIRED',
      field: 'x-access-reason',
    });
    expect(read.text).not.toContain(SAFE_PHONE);
  });

  it.each([
    ['the referring partner', EARLY_HELP, 403],
    ['another partner agency', YJS, 404],
  ])('%s does not get it, even giving a reason (%s)', async (_who, user, status) => {
    const read = await api('GET', `/referrals/${smsAgreed}`, { as: user, reason: REASON });
    expect(read.status).toBe(status);
    expect(read.text).not.toContain(SAFE_PHONE);
    expect(read.text).not.toContain('safeContact');
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'EMAIL agreed: the email address',
      { safeContact: 'EMAIL' },
      { channel: 'EMAIL', contact: SHARED_EMAIL },
    ],
    ['NONE agreed: no written channel', { safeContact: 'NONE' }, { channel: 'NONE', contact: null }],
    ['none recorded by the referrer', {}, { channel: null, contact: null }],
  ])('%s', async (_case, over, expected) => {
    const id = await referral(domesticAbuse(over));
    const read = await api('GET', `/referrals/${id}`, { as: PRACTITIONER, reason: REASON });
    expect(read.status).toBe(200);
    expect(read.body.safeContact).toEqual(expected);
    expect(conformance(read.body, viewSchema())).toEqual([]);
  });

  it('an ordinary referral has none, for its referrer and for VRU staff alike', async () => {
    const id = await referral({});
    for (const user of [EARLY_HELP, COORDINATOR]) {
      const read = await api('GET', `/referrals/${id}`, { as: user });
      expect(read.status).toBe(200);
      expect(read.body.safeContact).toBeNull();
      expect(conformance(read.body, viewSchema())).toEqual([]);
    }
  });

  it('the view of a referral at every stage it reaches (custody, follow-up, links) matches the documented schema', async () => {
    const list = await api('GET', '/referrals?status=ALL&limit=200', { as: COORDINATOR });
    expect(list.status).toBe(200);
    const oneOfEach = new Map<string, string>();
    for (const r of list.body as Array<{ id: string; status: string }>)
      if (!oneOfEach.has(r.status)) oneOfEach.set(r.status, r.id);
    expect(oneOfEach.size).toBeGreaterThan(1);
    for (const id of oneOfEach.values()) {
      const read = await api('GET', `/referrals/${id}`, { as: COORDINATOR, reason: REASON });
      expect(read.status).toBe(200);
      expect(conformance(read.body, viewSchema())).toEqual([]);
    }
  });
});
