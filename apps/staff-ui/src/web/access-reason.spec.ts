import {
  accessReasonProblem,
  headerSafe,
  oneLine,
  reasonForHeader,
  REASON_NOT_HEADER_SAFE,
} from './access-reason';

// A reason for access travels in the X-Access-Reason header, which carries printable Latin-1 only.
describe('reasons sent as a header', () => {
  it('a reason or recipient is sent on one line (the API refuses line breaks)', () => {
    expect(oneLine('  Home visit\r\nprep  ')).toBe('Home visit prep');
    expect(oneLine(['a'])).toBe('');
  });

  it('typographic quotes and dashes become plain ones, so the reason can be sent as a header', () => {
    expect(reasonForHeader('Yesterday’s “data” – 2…')).toBe('Yesterday\'s "data" - 2...');
    expect(headerSafe(reasonForHeader('Yesterday’s data'))).toBe(true);
  });

  it.each([
    ['Revue des données', true],
    ['Yesterday’s data', false], // not Latin-1: made plain by reasonForHeader first
    ['Reviewing 🙂', false],
    ['tab\there', false],
  ])('%j can be sent: %s', (text, ok) => {
    expect(headerSafe(text)).toBe(ok);
  });
});

describe('the problem with a reason for access', () => {
  const LENGTH = 'Enter why, in 5 to 500 characters';
  it.each([
    ['', LENGTH],
    ['chk', LENGTH],
    ["Reviewing yesterday's data", undefined],
    ['Revue des données', undefined], // Latin-1 travels in a header
    ['Reviewing 🙂 data', REASON_NOT_HEADER_SAFE], // beyond Latin-1 it cannot
    ['Dossier ✓', REASON_NOT_HEADER_SAFE],
    ['x'.repeat(500), undefined],
    ['x'.repeat(501), LENGTH],
  ])('%j: %s', (reason, problem) => {
    expect(accessReasonProblem(reason, LENGTH)).toBe(problem);
  });

  it('a reason with typographic quotes is fine once made plain', () => {
    expect(accessReasonProblem('Complaint about Jo’s case', LENGTH)).toBe(REASON_NOT_HEADER_SAFE);
    expect(accessReasonProblem(reasonForHeader('Complaint about Jo’s case'), LENGTH)).toBeUndefined();
  });
});
