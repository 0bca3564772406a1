import { FormContext, isCalendarDate, TAG_FORMS, tagFormsOpen, wholeNumber } from './tag-forms';

const ID = '7c0c6a1e-7a39-4c7e-9d0e-222222222222';
const episode = { tagSerial: 'BUD-IOM-0003', fittedOn: '2026-11-20', plannedDays: 42 };
const ctx = (roles: string[], status: string, extra: Partial<FormContext['referral']> = {}): FormContext => ({
  id: ID,
  roles,
  today: '2026-12-07',
  referral: { status, tagSerial: 'BUD-IOM-0003', episode: null, ...extra },
});
const open = (roles: string[], status: string, withEpisode = false) => {
  const o = tagFormsOpen(roles, { status, tagSerial: 'BUD-IOM-0003', episode: withEpisode ? episode : null });
  return (Object.keys(o) as (keyof typeof o)[]).filter((k) => o[k]).sort();
};

describe('tagFormsOpen: which forms a role is offered in which state (gateway route table; vru-notes 3.5)', () => {
  it.each([
    // Allocation is the coordinator's (pools: vru-notes 3.3); fitting, extension, removal are practice roles'.
    [['VRU_COORDINATOR'], 'AWAITING_DEVICE', false, ['allocate', 'tasks', 'withdraw']],
    [['VRU_PRACTITIONER'], 'AWAITING_DEVICE', false, ['tasks', 'withdraw']],
    [['VRU_PRACTITIONER'], 'ALLOCATED', false, ['fit', 'tasks', 'withdraw']],
    [['VRU_COORDINATOR'], 'ALLOCATED', false, ['tasks', 'withdraw']],
    // domain.md 3.4.3: only a manager may set more than 8 weeks, with the manager's reason.
    [['VRU_MANAGER'], 'FITTED', true, ['extend', 'managerReason', 'outcome', 'remove', 'tasks', 'withdraw']],
    [['VRU_PRACTITIONER'], 'FITTED', true, ['extend', 'outcome', 'remove', 'tasks', 'withdraw']],
    // domain.md 3.4.2: after a withdrawal the tag must still come back; no second withdrawal.
    [['VRU_PRACTITIONER'], 'REMOVAL_DUE', true, ['outcome', 'remove', 'tasks']],
    // vru-notes 3.2: the returned tag is inspected (coordinator or practitioner, not the manager).
    [['VRU_PRACTITIONER'], 'REMOVED', true, ['inspect', 'outcome', 'tasks']],
    [['VRU_MANAGER'], 'REMOVED', true, ['managerReason', 'outcome', 'tasks']],
    [['VRU_COORDINATOR'], 'CLOSED', true, ['outcome', 'tasks']],
    // A partner referrer withdraws its own referral, and nothing else.
    [['PARTNER_REFERRER'], 'CONSENT_PENDING', false, ['withdraw']],
    [['PARTNER_REFERRER'], 'FITTED', true, ['withdraw']],
    [['PARTNER_REFERRER'], 'DECLINED', false, []],
  ])('%j on %s (episode %s) → %j', (roles, status, withEpisode, expected) => {
    expect(open(roles, status, withEpisode)).toEqual(expected);
  });

  it('offers no fitting when the referral has no allocated tag', () => {
    expect(tagFormsOpen(['VRU_PRACTITIONER'], { status: 'ALLOCATED', tagSerial: null }).fit).toBe(false);
  });
});

describe('the forms’ own checks and the API calls they make', () => {
  it.each([
    ['2026-12-07', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['7/12/2026', false],
    ['', false],
  ])('isCalendarDate(%j) = %s', (s, ok) => expect(isCalendarDate(s)).toBe(ok));

  it.each([
    ['42', 1, 42],
    [' 56 ', 1, 56],
    ['0', 1, undefined],
    ['0', 0, 0],
    ['-3', 0, undefined],
    ['4.5', 0, undefined],
    ['1e3', 0, undefined],
    ['', 0, undefined],
  ])('wholeNumber(%j, %d) = %s', (s, min, n) => expect(wholeNumber(s, min)).toBe(n));

  it.each([
    // [form, roles, status, values, problem ids]
    ['allocate', ['VRU_COORDINATOR'], 'AWAITING_DEVICE', { serial: '' }, []],
    ['allocate', ['VRU_COORDINATOR'], 'AWAITING_DEVICE', { serial: 'bud iom 1' }, ['allocate-serial']],
    [
      'fit',
      ['VRU_PRACTITIONER'],
      'ALLOCATED',
      { serial: 'BUD-IOM-0003', fittedOn: '2026-12-07', fittedWhere: 'Home', strapSize: 'M' },
      [],
    ],
    [
      'fit',
      ['VRU_PRACTITIONER'],
      'ALLOCATED',
      { serial: 'BUD-IOM-0004', fittedOn: '2026-12-32', fittedWhere: '', strapSize: 'XXL', days: 'six' },
      ['fit-fittedOn', 'fit-fittedWhere', 'fit-strapSize', 'fit-serial', 'fit-days'],
    ],
    ['extend', ['VRU_PRACTITIONER'], 'FITTED', { days: '56', reason: 'Exams' }, []],
    ['extend', ['VRU_PRACTITIONER'], 'FITTED', { days: 'eight weeks' }, ['extend-days']],
    ['remove', ['VRU_PRACTITIONER'], 'FITTED', { removedOn: '2026-12-07', reason: 'DISENGAGEMENT' }, []],
    [
      'remove',
      ['VRU_PRACTITIONER'],
      'FITTED',
      { removedOn: '', reason: 'LOST_INTEREST' },
      ['remove-removedOn', 'remove-reason'],
    ],
    ['inspect', ['VRU_PRACTITIONER'], 'REMOVED', { outcome: 'IN_STOCK' }, []],
    ['inspect', ['VRU_PRACTITIONER'], 'REMOVED', { outcome: 'SOLD' }, ['inspect-outcome']],
    [
      'withdraw',
      ['VRU_PRACTITIONER'],
      'FITTED',
      { withdrawnBy: 'REFERRER', reason: 'x' },
      ['withdraw-withdrawnBy'],
    ],
    ['withdraw', ['PARTNER_REFERRER'], 'FITTED', { reason: ' ' }, ['withdraw-reason']],
    [
      'outcome',
      ['VRU_COORDINATOR'],
      'REMOVED',
      {
        point: 'MONTHS_12',
        suspectedOffences: '-1',
        violentOffences: '0',
        daysMissingFromHome: '',
        familyConnection: 'maybe',
        wellbeing: '7',
      },
      [
        'outcome-point',
        'outcome-suspectedOffences',
        'outcome-daysMissingFromHome',
        'outcome-reEngagedWithServices',
        'outcome-inEducationOrTraining',
        'outcome-familyConnection',
        'outcome-wellbeing',
      ],
    ],
  ])('%s by %j on %s with %j → problems at %j', (form, roles, status, values, ids) => {
    const c = ctx(roles, status, status === 'AWAITING_DEVICE' ? { tagSerial: null } : {});
    expect(TAG_FORMS[form].check(values as Record<string, string>, c).map((p) => p.id)).toEqual(ids);
  });

  it('every problem points at an input the form maps, or at one of its own inputs', () => {
    for (const form of Object.values(TAG_FORMS)) {
      const ids = Object.values(form.fields);
      const problems = form.check({}, ctx(['VRU_MANAGER', 'VRU_COORDINATOR'], 'FITTED', { episode }));
      for (const p of problems) expect([...ids, 'fit-serial']).toContain(p.id);
    }
  });

  it('the inspection goes to the tag’s own route, its serial from the referral, never from the form', () => {
    const call = TAG_FORMS.inspect.request(
      { outcome: 'DAMAGED', note: 'Strap clip cracked', serial: 'OTHER-TAG' },
      ctx(['VRU_COORDINATOR'], 'REMOVED', { episode }),
    );
    expect(call).toEqual({
      path: '/tag-referrals/tags/BUD-IOM-0003/inspection',
      body: { outcome: 'DAMAGED', note: 'Strap clip cracked' },
    });
  });

  it('a manager’s reason is sent only for a manager (domain.md 3.4.3)', () => {
    const values = { days: '70', reason: '', managerReason: 'Court date moved' };
    expect(TAG_FORMS.extend.request(values, ctx(['VRU_PRACTITIONER'], 'FITTED')).body).toEqual({ days: 70 });
    expect(TAG_FORMS.extend.request(values, ctx(['VRU_MANAGER'], 'FITTED')).body).toEqual({
      days: 70,
      managerReason: 'Court date moved',
    });
  });

  it('messages after success name what happened', () => {
    expect(TAG_FORMS.allocate.done({}, { tagSerial: 'BUD-IOM-0003', pool: 'IOM' })).toBe(
      'Tag BUD-IOM-0003 allocated from the IOM pool: it can now be fitted',
    );
    expect(TAG_FORMS.extend.done({}, { plannedDays: 56, plannedEnd: '2027-02-01' })).toBe(
      'Episode extended to 56 days: planned end 1 Feb 2027',
    );
    expect(TAG_FORMS.withdraw.done({}, { status: 'REMOVAL_DUE' })).toContain('a removal task is open');
    expect(TAG_FORMS.inspect.done({}, { serial: 'T-1', status: 'LOST' })).toBe(
      'Tag T-1 recorded as lost; its pool place is free',
    );
  });
});
