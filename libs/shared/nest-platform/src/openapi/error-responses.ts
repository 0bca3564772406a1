import { applyDecorators } from '@nestjs/common';
import { ApiResponse, OpenAPIObject } from '@nestjs/swagger';

const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponse';
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid: the message (and fields or violations) say what to fix',
  401: 'No valid bearer token',
  403: 'The caller may not do this (role, team, restriction or ownership)',
  404: 'No such record (or not visible to the caller)',
  409: 'The record is not in a state that allows this, or the change conflicts with another',
  413: 'The request body is larger than allowed',
  415: 'The request body is not JSON (send Content-Type: application/json)',
  429: 'Too many requests; slow down',
};

/** Statuses every operation may answer: whatever it does, these can come from the platform. */
export const COMMON_ERROR_STATUSES = [400, 401, 403, 404, 429] as const;
/** Statuses an operation with a request body may also answer. */
export const WRITE_ERROR_STATUSES = [409, 413, 415] as const;

/**
 * Documents error answers on one route (or controller) with the shared schema, for statuses a route
 * has beyond those `documentErrorResponses` adds to every operation (or to say more about one).
 * The schema itself is added to the document by `documentErrorResponses` (createServiceApp does).
 */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
      }),
    ),
  );
}

/**
 * Adds the shared error schema to a document and, to every operation, the error answers the
 * platform can give it (COMMON_ERROR_STATUSES; WRITE_ERROR_STATUSES for writes) unless the route
 * documented them itself. Called on every service's document and on the gateway's merged one, so
 * no status a client can receive goes undocumented. Idempotent. 5xx are not documented: they are
 * defects, not part of the contract.
 */
export function documentErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ...errorSchemas() };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const statuses = [...COMMON_ERROR_STATUSES, ...(WRITE_METHODS.has(method) ? WRITE_ERROR_STATUSES : [])];
      op.responses = op.responses ?? {};
      for (const status of statuses) {
        op.responses[String(status)] ??= {
          description: ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
        };
      }
    }
  }
  return doc;
}

/**
 * The one shape of every error answer of every service and the gateway (DomainExceptionFilter, the
 * body-parser handler, the validation pipe, the throttler). Extra fields may appear; a client reads
 * `statusCode` and `message`; `fields` (validation) and `violations` (domain rules) say what to fix.
 */
function errorSchemas(): Record<string, Record<string, unknown>> {
  return {
    ErrorFieldProblem: {
      type: 'object',
      required: ['field', 'problems'],
      properties: { field: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } },
    },
    ErrorRuleViolation: {
      type: 'object',
      required: ['rule', 'message'],
      properties: { rule: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
    },
    ErrorResponse: {
      type: 'object',
      description: 'The one shape of every error answer',
      required: ['statusCode', 'message'],
      properties: {
        statusCode: { type: 'integer', minimum: 400, maximum: 599 },
        error: { type: 'string' },
        message: { type: 'string' },
        reason: { type: 'string' },
        fields: { type: 'array', items: { $ref: '#/components/schemas/ErrorFieldProblem' } },
        violations: { type: 'array', items: { $ref: '#/components/schemas/ErrorRuleViolation' } },
        correlationId: { type: 'string' },
      },
    },
  };
}
