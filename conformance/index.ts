/**
 * `session-security/conformance`: the protocol v1 conformance suite as a library, for a test of
 * a backend that runs it from code instead of the `session-security-conformance` command.
 * Everything else under conformance/ is internal and may change in any release.
 */

export type { CheckResult } from './check-group.js';
export type { SignInMethod, SuiteOptions } from './options.js';
export { formatResults, formatRootCauses, formatSummary, toJson } from './report.js';
export { runSuite, type SuiteReport } from './run-suite.js';
