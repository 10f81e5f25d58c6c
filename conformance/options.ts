import { parseArgs } from 'node:util';
import { DEFAULT_RESOURCE_PATH } from '../protocol/index.js';

/** How the suite signs in: by posting a login form, or with a ready session cookie. */
export type SignInMethod =
  | {
      readonly kind: 'login-form';
      readonly loginPath: string;
      readonly username: string;
      readonly password: string;
    }
  | { readonly kind: 'cookie'; readonly name: string; readonly value: string };

/** Everything the suite needs to know about the server under test. */
export interface SuiteOptions {
  readonly baseUrl: URL;
  readonly resourcePath: string;
  /** A URL of the application that needs a session (an ordinary request). */
  readonly protectedPath: string;
  readonly signIn: SignInMethod;
  /** Where to write the JSON report, or null for none. */
  readonly jsonReportFile: string | null;
  /** Longest idle timeout the suite waits for; a server configured longer fails `timeouts-testable`. */
  readonly maxWaitSeconds: number;
  /** Folder of protocol test vectors (`*.json`); null for the package's own. */
  readonly vectorsDir: string | null;
}

export const USAGE = `Usage: session-security-conformance <base-url> [options]

Tests a running server for session-security protocol v1, black-box over HTTP.
Configure the server with short timeouts first (e.g. warn 2 s, expire 4 s, absolute 7 s or none).

Sign-in (one of):
  --login-url PATH          login form to POST (fields username, password)
  --username NAME           with --login-url
  --password SECRET         with --login-url
  --cookie NAME=VALUE       a ready session cookie (checks that end a session are then skipped,
                            but one)

Options:
  --resource-path PATH      protocol resource (default ${DEFAULT_RESOURCE_PATH})
  --protected-url PATH      a page that needs a session (default /)
  --json FILE               also write a JSON report to FILE
  --max-wait-seconds N      longest idle timeout to wait for (default 30)
  --vectors DIR             protocol test vectors to replay (default: the package's own)
  --help                    this text

Exit status: 0 all checks passed, 1 a check failed, 2 usage error.`;

export type ParsedArguments =
  | { readonly kind: 'options'; readonly options: SuiteOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly error: string };

/** Parses the command line (without node and the script). Never throws. */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  let parsed: ReturnType<typeof parseRaw>;
  try {
    parsed = parseRaw(argv);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    return usageError(`expected exactly one base URL, got ${positionals.length}`);
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(positionals[0] ?? '');
  } catch {
    return usageError(`the base URL is not a URL: ${positionals[0]}`);
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    return usageError(`the base URL must be http or https, got ${baseUrl.protocol}`);
  }
  for (const name of ['resource-path', 'protected-url', 'login-url'] as const) {
    const value = values[name];
    if (value !== undefined && !value.startsWith('/')) {
      return usageError(`--${name} must be a path starting with /, got ${value}`);
    }
  }
  const maxWaitSeconds = Number(values['max-wait-seconds'] ?? 30);
  if (!Number.isFinite(maxWaitSeconds) || maxWaitSeconds <= 0) {
    return usageError(
      `--max-wait-seconds must be a positive number, got ${values['max-wait-seconds']}`,
    );
  }
  const signIn = parseSignIn(values);
  if (typeof signIn === 'string') return usageError(signIn);
  return {
    kind: 'options',
    options: {
      baseUrl,
      resourcePath: values['resource-path'] ?? DEFAULT_RESOURCE_PATH,
      protectedPath: values['protected-url'] ?? '/',
      signIn,
      jsonReportFile: values.json ?? null,
      maxWaitSeconds,
      vectorsDir: values.vectors ?? null,
    },
  };
}

function parseRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'resource-path': { type: 'string' },
      'protected-url': { type: 'string' },
      'login-url': { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      cookie: { type: 'string' },
      json: { type: 'string' },
      'max-wait-seconds': { type: 'string' },
      vectors: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}

function parseSignIn(values: ReturnType<typeof parseRaw>['values']): SignInMethod | string {
  const loginPath = values['login-url'];
  const { username, password, cookie } = values;
  if (cookie !== undefined) {
    if (loginPath !== undefined || username !== undefined || password !== undefined) {
      return 'use either --cookie or --login-url with --username and --password, not both';
    }
    const equals = cookie.indexOf('=');
    if (equals <= 0) return `--cookie must be NAME=VALUE, got ${cookie}`;
    return { kind: 'cookie', name: cookie.slice(0, equals), value: cookie.slice(equals + 1) };
  }
  if (loginPath === undefined) {
    return 'say how to sign in: --login-url PATH --username NAME --password SECRET, or --cookie NAME=VALUE';
  }
  if (username === undefined || password === undefined) {
    return '--login-url needs --username and --password';
  }
  return { kind: 'login-form', loginPath, username, password };
}

function usageError(error: string): ParsedArguments {
  return { kind: 'usage-error', error };
}
