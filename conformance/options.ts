import { parseArgs } from 'node:util';
import { DEFAULT_RESOURCE_PATH } from '../protocol/index.js';
import { PAST_DEADLINE_MS } from './timing.js';

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
  /** Print and save cookie values and the password as they are (default: `<redacted>`). */
  readonly showSecrets?: boolean;
}

export const USAGE = `Usage: session-security-conformance <base-url> [options]

Tests a running server for session-security protocol v1 (protocol/SPEC.md), black-box over HTTP.

Configure the server with short timeouts first. The suite reads them from the first status
answer and waits for them in real time:
  2 s <= expireAfterSeconds <= --max-wait-seconds (e.g. warn 2 s, expire 4 s);
  an absolute lifetime, if any, at least 1 s longer than expireAfterSeconds (e.g. 7 s), and
  with --cookie at least 3 x expireAfterSeconds + 15 s (else it refuses to judge).
Deadlines are judged tightly: a session must be expired ${PAST_DEADLINE_MS} ms after its idle or absolute
deadline (a server that applies them later fails), measured from an upper bound of the
server's last activity, so a slow machine delays requests but never fails a correct server.

Sign-in (one of):
  --login-url PATH          login form: the suite GETs it (keeping its cookies and copying its
                            hidden inputs, e.g. CSRF tokens), then POSTs it as a form with
                            fields username and password. Sign-in succeeded when that POST
                            answers below 400, the suite then holds a cookie, and a GET of the
                            resource with it answers an active status. Every check that needs a
                            fresh session signs in again.
  --username NAME           with --login-url
  --password SECRET         with --login-url
  --cookie NAME=VALUE       a ready session cookie: one session only, so checks run one after
                            the other and those that need another session are skipped

Options:
  --resource-path PATH      protocol resource (default ${DEFAULT_RESOURCE_PATH})
  --protected-url PATH      an ordinary URL of the application that needs a session (default /):
                            it must answer a signed-in request with 2xx, and an anonymous one
                            with something else (a redirect to the login page, 401, 403), for
                            page loads and for API (fetch) calls alike
  --json FILE               also write a JSON report to FILE
  --max-wait-seconds N      longest idle timeout to wait for (default 30)
  --vectors DIR             protocol test vectors to replay (default: the package's own)
  --show-secrets            print cookie values and the password (default: <redacted>, in the
                            text output and in --json)
  --help                    this text

Output: one line per check (PASS, FAIL, SKIP). A check that depends on one that failed is
reported "skipped because <check> failed", so one fault is one failure; the summary lists the
root causes.

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
      showSecrets: values['show-secrets'] === true,
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
      'show-secrets': { type: 'boolean' },
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
