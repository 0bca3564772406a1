import { parkedPayloadRoles, Role } from '@oversight/auth';

/** The services behind the gateway; each needs a URL in the UPSTREAMS setting. */
export const UPSTREAM_NAMES = [
  'complaint-reviews',
  'audit',
  'notifications',
  'oocr',
  'tag-referrals',
  'knife-swaps',
] as const;
export type Upstream = (typeof UPSTREAM_NAMES)[number];
export type AccessProcessing = 'CONSULTATION' | 'DISCLOSURE';

export interface AccessPolicy {
  /** What kind of record the route reads, for the audit trail. */
  recordType: string;
  processing: AccessProcessing;
  /** Which path parameter identifies the record. */
  idParam: string;
  /** 'required': the caller must give a reason (X-Access-Reason) before data is released. */
  justification: 'required' | 'optional';
}

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Public path under /api, with :params. */
  path: string;
  upstream: Upstream;
  /** Path on the upstream service. */
  upstreamPath: string;
  roles: readonly Role[];
  access?: AccessPolicy;
}

/** The operator routes every service with a Kafka consumer has (parked messages), for administrators. */
export function operationsRoutes(svc: Upstream, opts: { outbox: boolean }): RouteRule[] {
  const admin = [Role.Administrator] as const;
  const rules: RouteRule[] = [
    {
      method: 'GET',
      path: `/${svc}/operations/parked-messages`,
      upstream: svc,
      upstreamPath: '/operations/parked-messages',
      roles: admin,
    },
    {
      // The raw payload (the person): not for the operator role, only a role that may read this service's
      // records, with a reason, recorded as a consultation (payloads are redacted in the list).
      method: 'GET',
      path: `/${svc}/operations/parked-messages/:id/payload`,
      upstream: svc,
      upstreamPath: '/operations/parked-messages/:id/payload',
      roles: parkedPayloadRoles(svc),
      access: {
        recordType: 'parked-message',
        processing: 'CONSULTATION',
        idParam: 'id',
        justification: 'required',
      },
    },
    {
      method: 'POST',
      path: `/${svc}/operations/parked-messages/:id/replay`,
      upstream: svc,
      upstreamPath: '/operations/parked-messages/:id/replay',
      roles: admin,
    },
  ];
  if (opts.outbox) {
    rules.push(
      {
        method: 'GET',
        path: `/${svc}/operations/outbox/parked`,
        upstream: svc,
        upstreamPath: '/operations/outbox/parked',
        roles: admin,
      },
      {
        // The raw payload (the person): not for the operator role, only a role that may read this service's
        // records, with a reason, recorded as a consultation (payloads are redacted in the list).
        method: 'GET',
        path: `/${svc}/operations/outbox/parked/:id/payload`,
        upstream: svc,
        upstreamPath: '/operations/outbox/parked/:id/payload',
        roles: parkedPayloadRoles(svc),
        access: {
          recordType: 'parked-outbox-message',
          processing: 'CONSULTATION',
          idParam: 'id',
          justification: 'required',
        },
      },
      {
        method: 'POST',
        path: `/${svc}/operations/outbox/parked/:id/replay`,
        upstream: svc,
        upstreamPath: '/operations/outbox/parked/:id/replay',
        roles: admin,
      },
    );
  }
  return rules;
}
