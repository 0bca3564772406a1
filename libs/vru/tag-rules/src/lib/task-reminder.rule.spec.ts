import { reminderFor, ReminderTask } from './task-reminder.rule';

const today = '2026-12-07';
const cfg = { overdueWindowDays: 14 };

describe('task reminders (issue 11 item 10; domain.md 3.1.3: contact by risk, review of the previous days)', () => {
  it.each<[string, ReminderTask, ReturnType<typeof reminderFor>]>([
    ['a contact due tomorrow', { kind: 'CONTACT', dueOn: '2026-12-08', done: false }, 'DUE_TOMORROW'],
    ['a removal due tomorrow', { kind: 'REMOVAL', dueOn: '2026-12-08', done: false }, 'DUE_TOMORROW'],
    [
      'a data review due tomorrow (it is already next-day work)',
      { kind: 'DATA_REVIEW', dueOn: '2026-12-08', done: false },
      null,
    ],
    ['due today', { kind: 'CONTACT', dueOn: '2026-12-07', done: false }, null],
    ['due in two days', { kind: 'CONTACT', dueOn: '2026-12-09', done: false }, null],
    ['overdue by a day', { kind: 'CONTACT', dueOn: '2026-12-06', done: false }, 'OVERDUE'],
    ['a data review overdue', { kind: 'DATA_REVIEW', dueOn: '2026-12-04', done: false }, 'OVERDUE'],
    ['overdue by 14 days', { kind: 'REMOVAL', dueOn: '2026-11-23', done: false }, 'OVERDUE'],
    ['overdue by 15 days (outside the window)', { kind: 'REMOVAL', dueOn: '2026-11-22', done: false }, null],
    ['done', { kind: 'CONTACT', dueOn: '2026-12-06', done: true }, null],
  ])('%s', (_label, task, expected) => {
    expect(reminderFor(task, today, cfg)).toBe(expected);
  });
});
