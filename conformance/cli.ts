#!/usr/bin/env node
// The `session-security-conformance` command: runs the suite against a live server.
import { writeFile } from 'node:fs/promises';
import { parseArguments, USAGE } from './options.js';
import { formatResults, formatRootCauses, formatSummary, toJson } from './report.js';
import { runSuite } from './run-suite.js';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    console.error(`session-security-conformance: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { options } = parsed;
  console.log(`session-security protocol v1 conformance: ${options.baseUrl.href}`);
  const report = await runSuite(options);
  for (const line of formatResults(report.results)) console.log(line);
  for (const line of formatRootCauses(report.results)) console.log(line);
  console.log(formatSummary(report));
  if (!report.secretsRedacted) console.log('Cookie values and the password are shown as they are.');
  if (options.jsonReportFile !== null) await writeFile(options.jsonReportFile, toJson(report));
  return report.failed === 0 ? 0 : EXIT_FAILED;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT_FAILED;
  },
);
