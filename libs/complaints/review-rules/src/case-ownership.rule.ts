import type { Refusal, ReviewAction } from './review-lifecycle.rule';

/** Who is acting, as far as ownership goes. */
export interface CaseActor {
  readonly subject: string;
  readonly team?: string;
  /** MANAGER: an OPCC manager; REVIEWER: an OPCC reviewer; APPLICANT: the person who applied. */
  readonly role: 'MANAGER' | 'REVIEWER' | 'APPLICANT' | 'OTHER';
}

export interface CaseOwnership {
  readonly team: string;
  readonly assignedTo: string | null;
  /** The applicant's own account, for applications made through self-service. */
  readonly submittedBy: string | null;
  /** Who recorded the intake. */
  readonly createdBy: string;
}

/**
 * Who may act on a case (issue 9 item 3). Reading is wider (any reviewer may read an unrestricted case
 * of another team, so work can be covered and checked); acting changes the record in someone's name,
 * so it needs ownership:
 * - a manager may act on any case they can see (they allocate and cover the work);
 * - a reviewer may act on a case assigned to them, or on an unassigned case of their own team or one
 *   they recorded themselves (to claim it and start it); never on a colleague's case, nor on another
 *   team's case they did not record, even by recording a decision not to act or an acknowledgement;
 * - the applicant may only withdraw their own application.
 * Returns null when allowed, else the refusal.
 */
export function checkMayAct(c: CaseOwnership, actor: CaseActor, action: ReviewAction): Refusal | null {
  if (actor.role === 'MANAGER') return null;
  if (actor.role === 'APPLICANT')
    return action === 'WITHDRAW' && c.submittedBy === actor.subject
      ? null
      : {
          code: 'NOT_YOUR_APPLICATION',
          rule: 'ownership',
          message: 'An applicant can only withdraw their own application.',
        };
  if (actor.role === 'REVIEWER') {
    if (c.assignedTo === actor.subject) return null;
    if (c.assignedTo === null && actor.team !== undefined && actor.team === c.team) return null;
    if (c.assignedTo === null && c.createdBy === actor.subject) return null;
    return {
      code: 'NOT_ASSIGNED_TO_YOU',
      rule: 'ownership',
      message: c.assignedTo
        ? `The review is assigned to ${c.assignedTo}: only they or a manager can act on it (reading it is allowed).`
        : `The review belongs to team ${c.team}: only its reviewers or a manager can act on it (reading it is allowed).`,
    };
  }
  return { code: 'NOT_ALLOWED_TO_ACT', rule: 'ownership', message: 'Only OPCC staff can act on a review.' };
}
