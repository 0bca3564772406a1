// Part 1 (Kent): ethnicity and gender are captured on community resolutions so that disproportionality can be
// scrutinised. This is the arithmetic only; which groups and baselines to use is a policy question.

export interface DisproportionalityInput {
  /** Disposals (or any event) per group. */
  counts: Readonly<Record<string, number>>;
  /** Baseline population per group (e.g. census residents, or all people dealt with). */
  population: Readonly<Record<string, number>>;
  referenceGroup: string;
}

export interface GroupRate {
  group: string;
  count: number;
  population: number | null;
  /** null when the group has no usable baseline. */
  ratePer1000: number | null;
  /** Rate over the reference group's rate; null when either rate is missing or the reference rate is 0. */
  ratioToReference: number | null;
}

export interface DisproportionalityResult {
  referenceGroup: string;
  referenceRatePer1000: number | null;
  groups: GroupRate[];
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Rates per 1,000 of each group's baseline, and the ratio of each rate to the reference group's. Groups in the
 * baseline but absent from the counts have a count of 0; groups with no baseline get null rates, not an error.
 */
export function disproportionality(input: DisproportionalityInput): DisproportionalityResult {
  const groups = [...new Set([...Object.keys(input.counts), ...Object.keys(input.population)])];
  const rateOf = (group: string): number | null => {
    const count = input.counts[group] ?? 0;
    const population = input.population[group];
    return isCount(count) && isCount(population) && population > 0 ? (count / population) * 1000 : null;
  };
  const referenceRatePer1000 = rateOf(input.referenceGroup);
  return {
    referenceGroup: input.referenceGroup,
    referenceRatePer1000,
    groups: groups.map((group) => {
      const ratePer1000 = rateOf(group);
      return {
        group,
        count: input.counts[group] ?? 0,
        population: isCount(input.population[group]) ? input.population[group] : null,
        ratePer1000,
        ratioToReference:
          ratePer1000 !== null && referenceRatePer1000 !== null && referenceRatePer1000 > 0
            ? ratePer1000 / referenceRatePer1000
            : null,
      };
    }),
  };
}
