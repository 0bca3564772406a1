import type { SessionUser } from './session.types';

export interface NavItem {
  href: string;
  text: string;
  active?: boolean;
}

/**
 * The service navigation for a user's roles. It only hides what the user cannot use: the gateway
 * still decides every call.
 */
const REFERRERS = ['PARTNER_REFERRER', 'VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'];

const SECTIONS: { roles: string[]; href: string; text: string }[] = [
  { roles: ['OPCC_REVIEWER', 'OPCC_MANAGER'], href: '/reviews', text: 'Reviews' },
  { roles: ['OPCC_MANAGER'], href: '/reviews/workload', text: 'Workload' },
  { roles: ['OPCC_REVIEWER', 'OPCC_MANAGER'], href: '/reviews/reports', text: 'Review reports' },
  { roles: ['CJ_OPS_OFFICER', 'CJ_OPS_SUPERVISOR'], href: '/oocr/reviews', text: 'Community resolutions' },
  { roles: ['CJ_OPS_OFFICER', 'CJ_OPS_SUPERVISOR'], href: '/oocr/cautions', text: 'Conditional cautions' },
  { roles: ['CJ_OPS_SUPERVISOR'], href: '/oocr/scrutiny', text: 'Scrutiny Panel' },
  { roles: [...REFERRERS], href: '/vru/tag-referrals', text: 'Tag referrals' },
  { roles: [...REFERRERS], href: '/vru/knife-swaps', text: 'Knife swaps' },
  { roles: ['VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'], href: '/vru/stock', text: 'Stock' },
  { roles: ['VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'], href: '/vru/tasks', text: 'My tasks' },
  { roles: ['AUDITOR'], href: '/audit', text: 'Audit trail' },
  // After the audit trail: an auditor still lands on it after signing in (homeFor takes the first section).
  { roles: ['VRU_COORDINATOR', 'VRU_MANAGER', 'AUDITOR'], href: '/vru/reports', text: 'VRU reports' },
];

export function navigationFor(user: SessionUser | undefined, currentPath: string): NavItem[] {
  if (!user) return [];
  const items = SECTIONS.filter((s) => s.roles.some((r) => user.roles.includes(r)));
  // The longest matching prefix is the current section.
  const active = items
    .filter((i) => currentPath === i.href || currentPath.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((i) => ({ href: i.href, text: i.text, active: i === active }));
}

/** Where a user lands after signing in. */
export function homeFor(user: SessionUser): string {
  const first = SECTIONS.find((s) => s.roles.some((r) => user.roles.includes(r)));
  return first?.href ?? '/no-access';
}
