import type { CheckResult } from './check-group.js';
import type { Exchange, SentRequest } from './http-client.js';

/** Shortest secret worth hiding: shorter values (`1`, `true`) would blank ordinary text. */
const MIN_SECRET_CHARS = 4;

/**
 * The secrets the suite handled: every cookie value it sent or received (session identifiers,
 * CSRF tokens) as sent and percent-decoded, and the password of the login form.
 */
export function collectSecrets(exchanges: readonly Exchange[], password?: string): string[] {
  const secrets = new Set<string>();
  const add = (value: string | undefined) => {
    if (value === undefined || value.length < MIN_SECRET_CHARS) return;
    secrets.add(value);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded.length >= MIN_SECRET_CHARS) secrets.add(decoded);
      const encoded = encodeURIComponent(value);
      if (encoded !== value) secrets.add(encoded);
    } catch {
      // Not percent-encoded: the value as sent is all there is.
    }
  };
  for (const exchange of exchanges) {
    for (const pair of (exchange.request.headers.cookie ?? '').split(';')) {
      add(pair.slice(pair.indexOf('=') + 1).trim());
    }
    for (const line of exchange.response.setCookies) {
      const pair = line.split(';', 1)[0] ?? '';
      add(pair.slice(pair.indexOf('=') + 1).trim());
    }
  }
  add(password);
  // Longest first, so a secret that contains another is hidden whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `<redacted>`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.replaceAll(secret, '<redacted>');
  return redacted;
}

function redactRecord(
  record: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, redactText(value, secrets)]),
  );
}

function redactRequest(request: SentRequest, secrets: readonly string[]): SentRequest {
  return {
    ...request,
    url: redactText(request.url, secrets),
    headers: redactRecord(request.headers, secrets),
    ...(request.body === undefined ? {} : { body: redactText(request.body, secrets) }),
  };
}

function redactExchange(exchange: Exchange, secrets: readonly string[]): Exchange {
  const { response } = exchange;
  return {
    ...exchange,
    request: redactRequest(exchange.request, secrets),
    response: {
      ...response,
      headers: redactRecord(response.headers, secrets),
      setCookies: response.setCookies.map((line) => redactText(line, secrets)),
      body: redactText(response.body, secrets),
    },
  };
}

/** A result as it may be printed or saved: no secret in its message or exchange. */
export function redactResult(result: CheckResult, secrets: readonly string[]): CheckResult {
  return {
    ...result,
    ...(result.message === undefined ? {} : { message: redactText(result.message, secrets) }),
    ...(result.blockedFailure === undefined
      ? {}
      : { blockedFailure: redactText(result.blockedFailure, secrets) }),
    ...(result.exchange === undefined
      ? {}
      : { exchange: redactExchange(result.exchange, secrets) }),
    ...(result.unansweredRequest === undefined
      ? {}
      : { unansweredRequest: redactRequest(result.unansweredRequest, secrets) }),
  };
}
