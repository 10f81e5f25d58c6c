import type { ParseResult } from '../protocol/index.js';

/** A passive route: an exact path, a prefix ending in `/*`, or a regular expression. */
export type PassiveRoute = string | RegExp;

/** Validates the `passiveRoutes` option. */
export function validatePassiveRoutes(value: unknown): ParseResult<readonly PassiveRoute[]> {
  if (value === undefined) return { ok: true, value: [] };
  if (!Array.isArray(value)) return { ok: false, error: 'must be an array' };
  for (const [index, route] of value.entries()) {
    if (route instanceof RegExp) continue;
    if (typeof route !== 'string' || !route.startsWith('/')) {
      return {
        ok: false,
        error: `entry ${index} must be a path starting with "/" or a RegExp, got ${JSON.stringify(route) ?? String(route)}`,
      };
    }
    if (route.includes('*') && (!route.endsWith('/*') || route.indexOf('*') !== route.length - 1)) {
      return {
        ok: false,
        error: `entry ${index} ("${route}") may contain "*" only as a final "/*" (a prefix)`,
      };
    }
  }
  return { ok: true, value: [...value] as PassiveRoute[] };
}

/** True when `path` (no query string) matches one of `routes`. */
export function matchesPassiveRoute(routes: readonly PassiveRoute[], path: string): boolean {
  for (const route of routes) {
    if (typeof route !== 'string') {
      // A global or sticky RegExp keeps state between test() calls; reset it.
      route.lastIndex = 0;
      if (route.test(path)) return true;
    } else if (route.endsWith('/*')) {
      const base = route.slice(0, -2);
      if (path === base || path.startsWith(`${base}/`)) return true;
    } else if (path === route) {
      return true;
    }
  }
  return false;
}
