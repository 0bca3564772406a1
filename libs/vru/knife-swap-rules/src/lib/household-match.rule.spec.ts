import { householdMatchKey, normaliseAddressLine } from './household-match.rule';

describe('household match (issue 12 §1; domain.md 3.3.1: an earlier swap is part of the home’s circumstances)', () => {
  const key = (lines: string[], pc: string) => householdMatchKey(lines, pc);

  it.each<[string, [string[], string], [string[], string], boolean]>([
    [
      'same address written alike',
      [['12 Mill Road', 'Gillingham'], 'ME7 1AA'],
      [['12 Mill Road', 'Gillingham'], 'ME7 1AA'],
      true,
    ],
    [
      'postcode spacing and case do not matter',
      [['12 Mill Road'], 'ME7 1AA'],
      [['12 Mill Road'], 'me71aa'],
      true,
    ],
    ['street type abbreviated', [['12 Mill Road'], 'ME7 1AA'], [['12 Mill Rd.'], 'ME7 1AA'], true],
    ['punctuation and spaces', [['12, Mill  Road'], 'ME7 1AA'], [['12 Mill Road'], 'ME7 1AA'], true],
    [
      'the town is not part of the key',
      [['12 Mill Road', 'Gillingham', 'Kent'], 'ME7 1AA'],
      [['12 Mill Road'], 'ME7 1AA'],
      true,
    ],
    ['another house number', [['12 Mill Road'], 'ME7 1AA'], [['14 Mill Road'], 'ME7 1AA'], false],
    ['another postcode', [['12 Mill Road'], 'ME7 1AA'], [['12 Mill Road'], 'ME7 1AB'], false],
    [
      'flats in one building are different households',
      [['Flat 2', 'Harbour Court'], 'CT20 1QQ'],
      [['Flat 3', 'Harbour Court'], 'CT20 1QQ'],
      false,
    ],
    [
      'the same flat named in two lines',
      [['Flat 2', 'Harbour Court', 'Folkestone'], 'CT20 1QQ'],
      [['flat 2', 'Harbour Ct'], 'CT20 1QQ'],
      true,
    ],
    [
      'flat 2 of two buildings in one postcode',
      [['Flat 2', 'Harbour Court'], 'CT20 1QQ'],
      [['Flat 2', 'Quay House'], 'CT20 1QQ'],
      false,
    ],
  ])('%s', (_case, [aLines, aPc], [bLines, bPc], same) => {
    expect(key(aLines, aPc) === key(bLines, bPc)).toBe(same);
  });

  it.each<[string, string[], string]>([
    ['no address line', [], 'ME7 1AA'],
    ['only blank or punctuation lines', [' ', ', .'], 'ME7 1AA'],
    ['no postcode', ['12 Mill Road'], '  '],
  ])('%s: no key (a household of its own)', (_case, lines, pc) => {
    expect(householdMatchKey(lines, pc)).toBeNull();
  });

  it('normalises a line to lower case, single spaces and short street types', () => {
    expect(normaliseAddressLine("  St. Mary's  AVENUE ")).toBe('st mary s ave');
  });
});
