/**
 * Checks on a parsed request body, query or path parameters that hold for every route, whatever its
 * DTO says. Framework-free so it can be table-tested; the NestJS pipe and the body parser call it.
 *
 * - Strings (values and keys) must be valid text: no NUL (PostgreSQL cannot store it in text
 *   columns) and no lone UTF-16 surrogate (not valid Unicode; the database driver fails on it).
 * - `__proto__`, `constructor` and `prototype` keys are refused like any other unknown field:
 *   class-transformer drops them silently, and they are the usual prototype-pollution vector.
 * - Nesting deeper than `maxDepth` is refused (no DTO is deeper than a few levels).
 */

export interface InputProblem {
  field: string;
  problem: string;
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting accepted in a request body (objects and arrays count one level each). */
export const MAX_INPUT_DEPTH = 32;

/** NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  const m = BAD_TEXT.exec(s);
  if (!m) return undefined;
  return m[0] === '\u0000'
    ? 'must not contain a NUL character (\\u0000)'
    : 'must be valid Unicode text (it contains a lone surrogate such as \\ud800)';
}

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const safeKey = textProblem(key) ? JSON.stringify(key) : key;
  return prefix ? `${prefix}.${safeKey}` : safeKey;
}

/**
 * Every problem in `value` (at most `limit`, so a hostile body cannot make a huge answer), each named
 * by its path as the validation pipe names fields (`complainant.fullName`, `attachments[0]`).
 */
export function inspectInput(
  value: unknown,
  opts: { maxDepth?: number; limit?: number; root?: string } = {},
): InputProblem[] {
  const maxDepth = opts.maxDepth ?? MAX_INPUT_DEPTH;
  const limit = opts.limit ?? 20;
  const problems: InputProblem[] = [];
  // An explicit stack, so a deep value cannot overflow the call stack.
  const stack: Array<{ v: unknown; path: string; depth: number }> = [
    { v: value, path: opts.root ?? '', depth: 0 },
  ];
  while (stack.length && problems.length < limit) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) problems.push({ field: path || '(body)', problem: `${path || 'the value'} ${p}` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) {
      problems.push({
        field: path || '(body)',
        problem: `nesting deeper than ${maxDepth} levels is not accepted`,
      });
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = join(path, key);
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({ field: childPath, problem: `property ${key} should not exist` });
          continue;
        }
        const p = textProblem(key);
        if (p) {
          problems.push({ field: childPath, problem: `a field name ${p}` });
          continue;
        }
      }
      stack.push({ v: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Nesting depth of a JSON text, counted over brackets outside strings, without parsing it: lets the
 * body parser refuse a 5,000-level body before `JSON.parse` and everything after it recurse into it.
 * Returns as soon as `max` is exceeded.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}
