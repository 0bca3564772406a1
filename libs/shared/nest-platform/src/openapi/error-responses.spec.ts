import { OpenAPIObject } from '@nestjs/swagger';
import { documentErrorResponses } from './error-responses';

const doc = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things': {
      get: { responses: { '200': { description: 'ok' } } },
      post: { responses: { '201': { description: 'made' }, '409': { description: 'own words' } } },
    },
    '/things/{id}': { delete: { responses: { '204': { description: 'gone' } } } },
  },
});

const ref = { $ref: '#/components/schemas/ErrorResponse' };

describe('documentErrorResponses', () => {
  it.each([
    ['GET', '/things', 'get', ['200', '400', '401', '403', '404', '429']],
    ['POST', '/things', 'post', ['201', '400', '401', '403', '404', '409', '413', '415', '429']],
    ['DELETE', '/things/{id}', 'delete', ['204', '400', '401', '403', '404', '409', '413', '415', '429']],
  ])('documents the platform error statuses on %s %s', (_m, path, method, statuses) => {
    const out = documentErrorResponses(doc());
    const op = (out.paths[path] as Record<string, { responses: Record<string, unknown> }>)[method];
    expect(Object.keys(op.responses).sort()).toEqual([...statuses].sort());
  });

  it('points every added error answer at the one shared schema, and adds that schema', () => {
    const out = documentErrorResponses(doc());
    expect(out.paths['/things'].get!.responses['404']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: ref } },
    });
    expect(out.components!.schemas!.ErrorResponse).toMatchObject({
      type: 'object',
      required: ['statusCode', 'message'],
    });
  });

  it('keeps what a route documented itself, and is idempotent', () => {
    const once = documentErrorResponses(doc());
    expect(once.paths['/things'].post!.responses['409']).toEqual({ description: 'own words' });
    expect(documentErrorResponses(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it('documents no 5xx: those are defects, not part of the contract', () => {
    const out = documentErrorResponses(doc());
    for (const item of Object.values(out.paths))
      for (const op of Object.values(item as Record<string, { responses: object }>))
        expect(Object.keys(op.responses).filter((s) => s.startsWith('5'))).toEqual([]);
  });
});
