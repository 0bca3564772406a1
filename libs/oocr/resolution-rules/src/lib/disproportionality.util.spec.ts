import { disproportionality } from './disproportionality.util';

describe('disproportionality', () => {
  // domain.md Part 1 (Kent CR app captures ethnicity and gender to scrutinise disproportionality).
  const result = disproportionality({
    counts: { White: 100, Black: 30, Asian: 10, Mixed: 4 },
    population: { White: 100_000, Black: 10_000, Asian: 20_000, Other: 5_000 },
    referenceGroup: 'White',
  });

  // domain.md Part 1: rate per 1,000 and ratio against the reference group.
  it.each<[string, number, number | null, number | null, number | null]>([
    ['White', 100, 100_000, 1, 1],
    ['Black', 30, 10_000, 3, 3],
    ['Asian', 10, 20_000, 0.5, 0.5],
    ['Mixed', 4, null, null, null],
    ['Other', 0, 5_000, 0, 0],
  ])('%s: count %i of %p → %p per 1,000, ratio %p', (group, count, population, rate, ratio) => {
    const row = result.groups.find((g) => g.group === group);
    expect(row).toBeDefined();
    expect(row?.count).toBe(count);
    expect(row?.population).toBe(population);
    if (rate === null) expect(row?.ratePer1000).toBeNull();
    else expect(row?.ratePer1000).toBeCloseTo(rate, 10);
    if (ratio === null) expect(row?.ratioToReference).toBeNull();
    else expect(row?.ratioToReference).toBeCloseTo(ratio, 10);
  });

  // domain.md Part 1 (Kent disproportionality scrutiny).
  it('reports the reference rate', () => {
    expect(result.referenceRatePer1000).toBeCloseTo(1, 10);
  });

  // domain.md Part 1: no ratio can be given without a usable reference rate.
  it.each([
    ['reference group absent', { counts: { A: 1 }, population: { A: 10 }, referenceGroup: 'B' }],
    ['reference rate zero', { counts: { A: 1, B: 0 }, population: { A: 10, B: 10 }, referenceGroup: 'B' }],
    [
      'reference population zero',
      { counts: { A: 1, B: 1 }, population: { A: 10, B: 0 }, referenceGroup: 'B' },
    ],
  ])('gives no ratio when the %s', (_label, value) => {
    const row = disproportionality(value).groups.find((g) => g.group === 'A');
    expect(row?.ratePer1000).toBeCloseTo(100, 10);
    expect(row?.ratioToReference).toBeNull();
  });

  // domain.md Part 1: bad baselines give no rate rather than an error.
  it('treats a negative or non-numeric baseline as missing rather than throwing', () => {
    const rows = disproportionality({
      counts: { A: 1, B: 2 },
      population: { A: -5, B: Number.NaN },
      referenceGroup: 'A',
    }).groups;
    expect(rows.map((row) => [row.population, row.ratePer1000])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
