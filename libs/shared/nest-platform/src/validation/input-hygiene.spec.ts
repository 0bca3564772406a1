import { inspectInput, jsonDepthExceeds, textProblem } from './input-hygiene';
import { hasMaxDecimalPlaces } from './max-decimal-places.validator';

const nested = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

describe('inspectInput: what no route accepts (issue 9, items 8 and 12)', () => {
  it.each<[string, unknown, Array<{ field: string; problem: RegExp }>]>([
    ['plain data', { a: 'é ✓ 😀', b: [1, null, true], c: { d: 'x' } }, []],
    ['NUL in a value', { grounds: 'a\u0000b' }, [{ field: 'grounds', problem: /NUL/ }]],
    ['lone high surrogate', { n: 'a\ud800b' }, [{ field: 'n', problem: /lone surrogate/ }]],
    ['lone low surrogate at the end', { n: 'a\udc00' }, [{ field: 'n', problem: /lone surrogate/ }]],
    ['a NUL in an array item', { list: ['ok', 'x\u0000'] }, [{ field: 'list[1]', problem: /NUL/ }]],
    ['a nested NUL', { c: { fullName: '\u0000' } }, [{ field: 'c.fullName', problem: /NUL/ }]],
    ['a NUL in a key', { ['k\u0000']: 1 }, [{ field: '"k\\u0000"', problem: /field name/ }]],
    [
      '__proto__ key (as JSON.parse makes it)',
      JSON.parse('{"__proto__":{"x":1}}'),
      [{ field: '__proto__', problem: /should not exist/ }],
    ],
    [
      'constructor key',
      { a: { constructor: {} } },
      [{ field: 'a.constructor', problem: /should not exist/ }],
    ],
    ['prototype key', { prototype: 1 }, [{ field: 'prototype', problem: /should not exist/ }]],
    ['a NUL in the whole value', 'x\u0000', [{ field: '(body)', problem: /NUL/ }]],
  ])('%s', (_name, value, expected) => {
    const found = inspectInput(value);
    expect(found).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(found[i].field).toBe(e.field);
      expect(found[i].problem).toMatch(e.problem);
    });
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(inspectInput(nested(10), { maxDepth: 32 })).toEqual([]);
    expect(inspectInput(nested(33), { maxDepth: 32 })[0].problem).toMatch(/deeper than 32/);
    expect(inspectInput(nested(100_000), { maxDepth: 32 })).toHaveLength(1);
  });

  it('reports at most `limit` problems', () => {
    expect(inspectInput(Array(1000).fill('\u0000'), { limit: 5 })).toHaveLength(5);
  });

  it('textProblem accepts a valid surrogate pair', () => {
    expect(textProblem('😀')).toBeUndefined();
  });
});

describe('jsonDepthExceeds: depth of a JSON text before parsing (item 10)', () => {
  it.each([
    ['an empty object', '{}', 1, false],
    ['three levels under a limit of 3', '{"a":[1,{"b":2}]}', 3, false],
    ['three levels over a limit of 2', '{"a":[1,{"b":2}]}', 2, true],
    ['brackets inside a string', '"[[[[[[[[" ', 1, false],
    ['brackets after an escaped quote', '{"a":"\\"[[[["}', 1, false],
    ['5,000 levels', '['.repeat(5000) + ']'.repeat(5000), 32, true],
    ['long but flat', '[]'.repeat(5000), 1, false],
  ])('%s (max %d) → %s', (_name, text, max, exceeds) => {
    expect(jsonDepthExceeds(text as string, max as number)).toBe(exceeds);
  });
});

describe('hasMaxDecimalPlaces: decided on the value, not how JavaScript writes it (item 9)', () => {
  it.each<[unknown, number, boolean]>([
    [1.5, 2, true],
    [1.25, 2, true],
    [1.255, 2, false],
    [10, 2, true],
    [1e-7, 2, false], // "1e-7": class-validator's maxDecimalPlaces threw here
    [1.5e2, 2, true],
    [1e21, 2, true],
    [Number.NaN, 2, false],
    [Infinity, 2, false],
    ['1.5', 2, false],
  ])('%p with at most %d places → %p', (value, places, ok) => {
    expect(hasMaxDecimalPlaces(value, places)).toBe(ok);
  });
});
