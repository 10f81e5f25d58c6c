// The comparisons of the throughput section: which route of which server stands in the plugin's
// place against @fastify/session alone.
import { BENCH_ROUTES, type BenchAppVariant } from './app.js';

/**
 * What is compared. `calibration` is two identical servers, the measurement's own spread; the
 * two `minimal hook` references put the least an inactivity check can do (bench/server/app.ts,
 * `addMinimalHook`) in the plugin's place on the active route, without and with the plugin's
 * marker in the session blob: the floor the active route's figure is read against.
 */
export type ComparisonName =
  | 'active route'
  | 'passive route'
  | 'status read'
  | 'minimal hook'
  | 'minimal hook + marker'
  | 'calibration';

export const COMPARISONS: readonly {
  readonly name: ComparisonName;
  readonly baselinePath: string;
  readonly pluginPath: string;
  /** The server in the plugin's place. */
  readonly variant: BenchAppVariant;
}[] = [
  {
    name: 'active route',
    baselinePath: BENCH_ROUTES.active,
    pluginPath: BENCH_ROUTES.active,
    variant: 'session-security',
  },
  {
    name: 'passive route',
    baselinePath: BENCH_ROUTES.passive,
    pluginPath: BENCH_ROUTES.passive,
    variant: 'session-security',
  },
  {
    name: 'status read',
    baselinePath: BENCH_ROUTES.bareStatus,
    pluginPath: BENCH_ROUTES.protocolStatus,
    variant: 'session-security',
  },
  {
    name: 'minimal hook',
    baselinePath: BENCH_ROUTES.active,
    pluginPath: BENCH_ROUTES.active,
    variant: 'minimal-hook',
  },
  {
    name: 'minimal hook + marker',
    baselinePath: BENCH_ROUTES.active,
    pluginPath: BENCH_ROUTES.active,
    variant: 'minimal-hook-marked',
  },
  {
    name: 'calibration',
    baselinePath: BENCH_ROUTES.active,
    pluginPath: BENCH_ROUTES.active,
    variant: 'session-only',
  },
];

export type Comparison = (typeof COMPARISONS)[number];
