import { ETHNIC_GROUPS, suppressSmallCounts } from './special-category.rule';

describe('special-category breakdowns (domain.md 4.2.5 sensitive processing; 4.4.3 separate, restricted)', () => {
  it.each<[string, Array<[string, number]>, number, Array<[string, number | null]>]>([
    ['no referrals: every group at 0', [], 5, ETHNIC_GROUPS.map((k) => [k, 0])],
    [
      'counts below the threshold are suppressed, 0 and larger shown',
      [
        ['WHITE', 12],
        ['BLACK', 3],
        ['MIXED', 5],
      ],
      5,
      [
        ['ASIAN', 0],
        ['BLACK', null],
        ['MIXED', 5],
        ['WHITE', 12],
        ['OTHER', 0],
        ['NOT_STATED', 0],
      ],
    ],
    [
      'threshold 1 suppresses nothing',
      [['ASIAN', 1]],
      1,
      ETHNIC_GROUPS.map((k) => [k, k === 'ASIAN' ? 1 : 0]),
    ],
  ])('%s', (_label, counts, below, expected) => {
    const cells = suppressSmallCounts(ETHNIC_GROUPS, new Map(counts), below);
    expect(cells.map((c) => [c.key, c.referrals])).toEqual(expected);
    expect(cells.filter((c) => c.suppressed).map((c) => c.key)).toEqual(
      expected.filter(([, v]) => v === null).map(([k]) => k),
    );
  });
});
