import { ROUTES } from '../src/routing/route.table';
import { GATEWAY } from './support';

/**
 * The merged OpenAPI document (issue 9, item 14) against the running services: every operation
 * documents the error answers with the one shared schema, and no field is typed in a way the
 * answers cannot have (a `string | null` reflected as a bare `object`, a list of records as a list
 * of strings). scripts/test-fuzz.sh checks real answers against the same document.
 */
type Schema = Record<string, any>;
const ERROR_REF = '#/components/schemas/ErrorResponse';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the public OpenAPI document', () => {
  let doc: Schema;
  const operations = () =>
    Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        key: `${m.toUpperCase()} ${path}`,
        method: m,
        op: item[m],
      })),
    );

  beforeAll(async () => {
    const r = await fetch(`${GATEWAY}/docs/openapi.json`);
    expect(r.status).toBe(200);
    doc = (await r.json()) as Schema;
  });

  it('has the operations of every service behind the gateway, and the gateway’s own', () => {
    const prefixes = new Set(operations().map((o) => o.key.split(' ')[1].split('/').slice(0, 3).join('/')));
    for (const p of [
      '/api/complaint-reviews',
      '/api/oocr',
      '/api/tag-referrals',
      '/api/knife-swaps',
      '/api/notifications',
      '/api/audit',
      '/auth/token',
    ])
      expect([...prefixes].some((x) => x.startsWith(p) || p.startsWith(x))).toBe(true);
  });

  it('documents every route of the gateway’s route table (a service missing from the document is not fuzzed)', () => {
    const undocumented = ROUTES.filter(
      (r) => !doc.paths[`/api${r.path.replace(/:([a-zA-Z]+)/g, '{$1}')}`]?.[r.method.toLowerCase()],
    ).map((r) => `${r.method} ${r.path} (${r.upstream})`);
    expect(undocumented).toEqual([]);
  });

  it('documents 400/401/403/404/429 on every operation, and 409/413/415 on writes, with the shared error schema', () => {
    const missing: string[] = [];
    for (const { key, method, op } of operations()) {
      const statuses = [
        '400',
        '401',
        '403',
        '404',
        '429',
        ...(method === 'get' ? [] : ['409', '413', '415']),
      ];
      for (const s of statuses) {
        const schema = op.responses?.[s]?.content?.['application/json']?.schema;
        if (!schema) missing.push(`${key} ${s}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ required: ['statusCode', 'message'] });
    const fromPlatform = operations().filter(
      ({ op }) => op.responses['404'].content['application/json'].schema.$ref === ERROR_REF,
    );
    expect(fromPlatform.length).toBe(operations().length);
  });

  it('documents no 5xx: a server error is a defect, not an answer', () => {
    const documented = operations().flatMap(({ key, op }) =>
      Object.keys(op.responses)
        .filter((s) => s.startsWith('5'))
        .map((s) => `${key} ${s}`),
    );
    expect(documented).toEqual([]);
  });

  it('types no field as a bare object (what reflection makes of `string | null` without a type)', () => {
    const bare: string[] = [];
    const walk = (s: Schema | undefined, where: string) => {
      if (!s || typeof s !== 'object') return;
      const shaped = ['properties', '$ref', 'allOf', 'oneOf', 'anyOf', 'additionalProperties'].some(
        (k) => k in s,
      );
      if (s.type === 'object' && !shaped) bare.push(where);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
        walk(v, `${where}.${k}`);
      walk(s.items, `${where}[]`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Schema>))
      walk(schema, name);
    expect(bare).toEqual([]);
  });

  it.each([
    ['letters', 'LetterView'],
    ['clocks', 'ClockView'],
    ['decisionLog', 'DecisionLogEntryView'],
    ['clockStops', 'ClockStopView'],
    ['recommendations', 'RecommendationView'],
  ])('types the items of a case’s %s as %s, not as strings', (field, view) => {
    const application = doc.components.schemas.ApplicationView;
    expect(application.properties[field].items).toEqual({ $ref: `#/components/schemas/${view}` });
    expect(doc.components.schemas[view].type).toBe('object');
  });

  it('marks nullable fields nullable with their real type', () => {
    const { properties } = doc.components.schemas.ApplicationView;
    expect(properties.assignedTo).toMatchObject({ type: 'string', nullable: true });
    expect(properties.representative).toMatchObject({ nullable: true });
    expect(properties.representative.allOf).toEqual([{ $ref: '#/components/schemas/RepresentativeView' }]);
    expect(doc.components.schemas.NotificationView.properties.sentAt).toMatchObject({
      type: 'string',
      nullable: true,
    });
  });
});
