import { RouteRule, ROUTES } from './route.table';

export interface RouteMatch {
  rule: RouteRule;
  params: Record<string, string>;
  upstreamPath: string;
}

interface Compiled {
  rule: RouteRule;
  regex: RegExp;
  names: string[];
}

const SEGMENT = '([A-Za-z0-9_-]{1,100})';

function compile(rule: RouteRule): Compiled {
  const names: string[] = [];
  const pattern = rule.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    names.push(name);
    return SEGMENT;
  });
  return { rule, regex: new RegExp(`^${pattern}/?$`), names };
}

/** Finds the rule for a request; `methodMismatch` tells a 405 from a 404. */
export class RouteMatcher {
  private readonly compiled: Compiled[];

  constructor(routes: readonly RouteRule[] = ROUTES) {
    this.compiled = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let pathMatched = false;
    for (const c of this.compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.rule.method !== method) continue;
      const params = Object.fromEntries(c.names.map((n, i) => [n, m[i + 1]]));
      const upstreamPath = c.rule.upstreamPath.replace(/:([a-zA-Z]+)/g, (_x, n: string) =>
        encodeURIComponent(params[n]),
      );
      return { rule: c.rule, params, upstreamPath };
    }
    return { methodMismatch: pathMatched };
  }
}
