import { checkMayAct, type CaseActor, type CaseOwnership } from './case-ownership.rule';
import { REVIEW_ACTIONS } from './review-lifecycle.rule';

/** Issue 9 item 3: reading may cross teams; acting needs the case to be yours, your team's and free, or a manager. */
const ana: CaseActor = { subject: 'ana', team: 'east', role: 'REVIEWER' };
const bo: CaseActor = { subject: 'bo', team: 'west', role: 'REVIEWER' };
const mia: CaseActor = { subject: 'mia', team: 'west', role: 'MANAGER' };
const applicant: CaseActor = { subject: 'applicant-1', role: 'APPLICANT' };
const eastFree: CaseOwnership = {
  team: 'east',
  assignedTo: null,
  submittedBy: 'applicant-1',
  createdBy: 'cy',
};
const eastAna: CaseOwnership = { team: 'east', assignedTo: 'ana', submittedBy: null, createdBy: 'cy' };
const eastCy: CaseOwnership = { team: 'east', assignedTo: 'cy', submittedBy: null, createdBy: 'bo' };

describe('checkMayAct (ownership)', () => {
  it.each<[string, CaseOwnership, CaseActor, string | null]>([
    ['reviewer, own team, unassigned', eastFree, ana, null],
    ['reviewer, assigned to them', eastAna, ana, null],
    ['reviewer, assigned to a colleague', eastCy, ana, 'NOT_ASSIGNED_TO_YOU'],
    ['reviewer of another team, unassigned', eastFree, bo, 'NOT_ASSIGNED_TO_YOU'],
    [
      'reviewer of another team, unassigned, who recorded the intake',
      { ...eastFree, createdBy: 'bo' },
      bo,
      null,
    ],
    [
      'who recorded the intake, now assigned to a colleague',
      eastCy,
      { ...bo, team: 'east' },
      'NOT_ASSIGNED_TO_YOU',
    ],
    ["reviewer of another team, a colleague's case", eastCy, bo, 'NOT_ASSIGNED_TO_YOU'],
    ['reviewer of another team, even when assigned to them', { ...eastCy, assignedTo: 'bo' }, bo, null],
    ['manager of another team', eastCy, mia, null],
    [
      'reviewer with no team, unassigned',
      eastFree,
      { subject: 'x', role: 'REVIEWER' },
      'NOT_ASSIGNED_TO_YOU',
    ],
  ])('%s', (_label, c, actor, code) => {
    for (const action of REVIEW_ACTIONS) expect(checkMayAct(c, actor, action)?.code ?? null).toBe(code);
  });

  it('lets the applicant withdraw their own application and nothing else', () => {
    for (const action of REVIEW_ACTIONS)
      expect(checkMayAct(eastFree, applicant, action)?.code ?? null).toBe(
        action === 'WITHDRAW' ? null : 'NOT_YOUR_APPLICATION',
      );
    expect(checkMayAct(eastAna, applicant, 'WITHDRAW')?.code).toBe('NOT_YOUR_APPLICATION');
  });

  it('refuses anyone else', () => {
    expect(checkMayAct(eastFree, { subject: 'z', role: 'OTHER' }, 'ACKNOWLEDGE')?.code).toBe(
      'NOT_ALLOWED_TO_ACT',
    );
  });
});
