export { CookieJar } from './cookie-jar.js';
export type { Exchange, ReceivedResponse, SentRequest } from './http-client.js';
export { parseArguments, type SignInMethod, type SuiteOptions, USAGE } from './options.js';
export { formatResult, formatResults, formatSummary, toJson } from './report.js';
export { runSuite, type SuiteReport } from './run-suite.js';
export type { CheckResult } from './runner.js';
