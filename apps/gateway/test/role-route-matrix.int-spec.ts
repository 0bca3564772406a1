import { ALL_ROLES, DEMO_USERS, Role } from '@oversight/auth';
import { randomUUID } from 'node:crypto';
import { ROUTES } from '../src/routing/route.table';
import { api, rowCounts } from './support';

/**
 * Generated from the gateway's route table: every route × every role. A role the route does not
 * name must get 403 and change nothing; a role it names must get past the gateway (any answer but
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

describe('role × route matrix (deny by default)', () => {
  it('covers every route and every role', () => {
    expect(cases.length).toBe(ROUTES.length * ALL_ROLES.length);
    expect(new Set(ALL_ROLES.map(userFor)).size).toBe(ALL_ROLES.length);
  });

  it.each(cases)('$label → allowed: $allowed', async ({ route, role, allowed }) => {
    const path = `/api${route.path.replace(/:[a-zA-Z]+/g, randomUUID())}`;
    const before = allowed ? undefined : await rowCounts();
    const res = await api(route.method, path, {
      as: userFor(role),
      body: route.method === 'GET' ? undefined : {},
      headers: { 'x-access-reason': 'role matrix test' },
    });
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      const after = await rowCounts();
      // A refused read of a personal-data route is itself recorded; nothing else may change.
      const expected = { ...before! };
      if (route.access) expected['gateway.outbox_message'] += 1;
      expect(after).toEqual(expected);
    }
  });
});
