/**
 * Route selection as API Gateway HTTP APIs do it: the method must match (or the route is
 * `ANY`), then the most specific path wins: literal segments over `{param}` segments, and a
 * greedy `{proxy+}` only as a last resort; `$default` catches everything else. Paths arrive
 * already decoded (see `decodePath`), so a `%2F` splits segments as API Gateway's does.
 */
export interface RouteMatch<T> {
  routeKey: string;
  target: T;
  pathParameters: Record<string, string>;
}

interface CompiledRoute<T> {
  routeKey: string;
  method: string;
  segments: string[];
  greedy: boolean;
  target: T;
}

export class Router<T> {
  private readonly routes: CompiledRoute<T>[] = [];
  private fallback?: { routeKey: string; target: T };

  add(routeKey: string, target: T): this {
    if (routeKey === "$default") {
      this.fallback = { routeKey, target };
      return this;
    }
    const [method, path] = routeKey.split(" ") as [string, string];
    const segments = path.split("/").slice(1);
    const greedy = segments.at(-1)?.endsWith("+}") ?? false;
    this.routes.push({ routeKey, method, segments, greedy, target });
    return this;
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const parts = path.split("/").slice(1);
    let best: { route: CompiledRoute<T>; params: Record<string, string>; score: number[] } | undefined;
    for (const route of this.routes) {
      if (route.method !== method && route.method !== "ANY") continue;
      const params = matchSegments(route, parts);
      if (!params) continue;
      const score = specificity(route, method);
      if (!best || compare(score, best.score) > 0) best = { route, params, score };
    }
    if (best) return { routeKey: best.route.routeKey, target: best.route.target, pathParameters: best.params };
    return this.fallback && { routeKey: this.fallback.routeKey, target: this.fallback.target, pathParameters: {} };
  }
}

function matchSegments<T>(route: CompiledRoute<T>, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const fixed = route.greedy ? route.segments.length - 1 : route.segments.length;
  if (route.greedy ? parts.length < route.segments.length : parts.length !== fixed) return undefined;
  for (let i = 0; i < fixed; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith("{") && segment.endsWith("}")) {
      if (part === "") return undefined;
      params[segment.slice(1, -1)] = part;
    } else if (segment !== part) {
      return undefined;
    }
  }
  if (route.greedy) {
    const rest = parts.slice(fixed).join("/");
    if (rest === "") return undefined;
    params[route.segments.at(-1)!.slice(1, -2)] = rest;
  }
  return params;
}

/** Literal segments first (left to right), then fewer greedy matches, then an exact method. */
function specificity<T>(route: CompiledRoute<T>, method: string): number[] {
  const literal = route.segments.map((segment) => (segment.startsWith("{") ? 0 : 1));
  return [route.greedy ? 0 : 1, ...literal, route.method === method ? 1 : 0];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
