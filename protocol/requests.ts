import {
  JSON_MEDIA_TYPE,
  MAX_BODY_BYTES,
  PASSIVE_HEADER,
  PROTOCOL_VERSION,
  VERSION_HEADER,
} from './constants.js';
import { parseActivityReport, parseJson } from './parse.js';
import type { ActivityReport, ParseResult, ProblemName } from './types.js';

/** Methods the protocol resource answers; any other method gets 405 `method-not-allowed`. */
export const ALLOWED_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'DELETE'];

/** Value of the `Allow` header of a 405 answer of the protocol resource. */
export const ALLOW_HEADER_VALUE = 'GET, HEAD, POST, DELETE';

/**
 * Request headers as servers see them: lower-case names; a repeated header may arrive as an
 * array (it is then judged by its values joined with ", ", so a duplicated `Origin` never matches).
 */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Outcome of a request check: a typed value, or the problem to answer with and why. */
export type RequestCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: ProblemName; readonly detail: string };

/** The value of header `name` (lower-case), or undefined when absent. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(', ');
}

/**
 * The CSRF and version checks of a state-changing request (POST, DELETE), in the order the
 * specification gives them. `Origin`, when present, is compared even after a same-origin
 * `Sec-Fetch-Site`: a request must pass both. `serverOrigin` is the application's own origin, e.g.
 * `https://app.example` (scheme://host[:port], no trailing slash). Returns null when they pass.
 */
export function checkStateChangingHeaders(
  headers: RequestHeaders,
  serverOrigin: string,
): RequestCheck<null> {
  const site = headerValue(headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') {
    return {
      ok: false,
      problem: 'cross-site-request',
      detail: `Sec-Fetch-Site is "${site}"; only same-origin requests are accepted`,
    };
  }
  const origin = headerValue(headers, 'origin');
  if (origin !== undefined && origin !== serverOrigin) {
    return {
      ok: false,
      problem: 'cross-site-request',
      detail: `Origin "${origin}" is not this server's origin`,
    };
  }
  const version = headerValue(headers, VERSION_HEADER);
  if (version === undefined) {
    return {
      ok: false,
      problem: 'missing-version-header',
      detail: 'the Session-Security-Version header is required on POST and DELETE',
    };
  }
  if (version.trim() !== String(PROTOCOL_VERSION)) {
    return {
      ok: false,
      problem: 'unsupported-version',
      detail: `Session-Security-Version "${version}" is not supported; this server speaks ${PROTOCOL_VERSION}`,
    };
  }
  return { ok: true, value: null };
}

/** True when a Content-Type value names application/json (any case, any parameters). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';', 1)[0] ?? '';
  return mediaType.trim().toLowerCase() === JSON_MEDIA_TYPE;
}

/** Number of bytes of `text` encoded as UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * The body checks of an activity report, after the header checks passed: media type (415), size
 * (413), then JSON and members (400). `bodyText` is the body already decoded as UTF-8 ("" for
 * none); servers that hold the raw bytes use {@link checkActivityReportBytes}, which also refuses
 * invalid UTF-8.
 */
export function checkActivityReportBody(
  contentType: string | undefined,
  bodyText: string,
): RequestCheck<ActivityReport> {
  const headers = checkReportMediaType(contentType);
  if (!headers.ok) return headers;
  const size = checkReportSize(utf8ByteLength(bodyText));
  if (!size.ok) return size;
  return checkReportText(bodyText.startsWith(BYTE_ORDER_MARK) ? bodyText.slice(1) : bodyText);
}

/**
 * The body checks of an activity report on its raw bytes (Section 2.2 and 4): media type (415),
 * size in bytes (413), UTF-8 (400, one leading byte order mark ignored), JSON and members (400).
 */
export function checkActivityReportBytes(
  contentType: string | undefined,
  body: Uint8Array,
): RequestCheck<ActivityReport> {
  const headers = checkReportMediaType(contentType);
  if (!headers.ok) return headers;
  const size = checkReportSize(body.length);
  if (!size.ok) return size;
  const text = decodeUtf8(body);
  if (!text.ok) return { ok: false, problem: 'invalid-request', detail: text.error };
  return checkReportText(text.value);
}

function checkReportMediaType(contentType: string | undefined): RequestCheck<null> {
  if (isJsonContentType(contentType)) return { ok: true, value: null };
  return {
    ok: false,
    problem: 'unsupported-media-type',
    detail: `Content-Type must be ${JSON_MEDIA_TYPE}, got ${contentType === undefined ? 'none' : `"${contentType}"`}`,
  };
}

function checkReportSize(bytes: number): RequestCheck<null> {
  if (bytes <= MAX_BODY_BYTES) return { ok: true, value: null };
  return {
    ok: false,
    problem: 'payload-too-large',
    detail: `the body is ${bytes} bytes; at most ${MAX_BODY_BYTES} are accepted`,
  };
}

function checkReportText(text: string): RequestCheck<ActivityReport> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problem: 'invalid-request', detail: json.error };
  const report = parseActivityReport(json.value);
  if (!report.ok) return { ok: false, problem: 'invalid-request', detail: report.error };
  return report;
}

/** The smallest code point each encoded length may carry (anything less is overlong). */
const SHORTEST_FORM_MINIMUM: readonly number[] = [0, 0, 0x80, 0x800, 0x10000];

/** U+FEFF: a sender must not add it (RFC 8259, Section 8.1); a server ignores one leading. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Decodes UTF-8 strictly (RFC 3629): overlong forms, surrogates, code points above U+10FFFF and
 * truncated sequences are errors, never replaced by U+FFFD. One leading byte order mark is
 * dropped (RFC 8259, Section 8.1).
 */
export function decodeUtf8(bytes: Uint8Array): ParseResult<string> {
  const codePoints: number[] = [];
  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (index < bytes.length) {
    const first = bytes[index] as number;
    const length =
      first < 0x80
        ? 1
        : first >= 0xc2 && first <= 0xdf
          ? 2
          : first >= 0xe0 && first <= 0xef
            ? 3
            : first >= 0xf0 && first <= 0xf4
              ? 4
              : 0;
    if (length === 0 || index + length > bytes.length) {
      return { ok: false, error: `the body is not valid UTF-8 (byte ${index})` };
    }
    let codePoint = length === 1 ? first : first & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next] as number;
      if ((byte & 0xc0) !== 0x80) {
        return { ok: false, error: `the body is not valid UTF-8 (byte ${index + next})` };
      }
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    const shortest = length === 1 || codePoint >= (SHORTEST_FORM_MINIMUM[length] ?? 0);
    if (!shortest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return { ok: false, error: `the body is not valid UTF-8 (byte ${index})` };
    }
    codePoints.push(codePoint);
    index += length;
  }
  let text = '';
  // In slices: String.fromCodePoint takes its code points as arguments.
  for (let start = 0; start < codePoints.length; start += 4096) {
    text += String.fromCodePoint(...codePoints.slice(start, start + 4096));
  }
  return { ok: true, value: text };
}

/** True when an application request marks itself passive with `Session-Security-Passive: 1`. */
export function isPassiveRequest(headers: RequestHeaders): boolean {
  return headerValue(headers, PASSIVE_HEADER)?.trim() === '1';
}

/**
 * True when an ordinary request may count as activity of this site's user, judged by its Fetch
 * Metadata (which scripts cannot forge): no `Sec-Fetch-Site` (a client that sends no Fetch
 * Metadata), `same-origin` or `none` (typed address, bookmark), or a top-level navigation the
 * user started from another site (`Sec-Fetch-Mode: navigate`, `Sec-Fetch-User: ?1`, destination
 * `document` when given). Everything else another site can trigger on its own -- cross-site and
 * same-site subresource loads, navigations without user activation, frames -- is not activity.
 */
export function isUserActivityRequest(headers: RequestHeaders): boolean {
  const sentSite = headerValue(headers, 'sec-fetch-site');
  // Browsers send the exact token: most requests are answered before any trimming or folding.
  if (sentSite === undefined || sentSite === 'same-origin') return true;
  const site = sentSite.trim().toLowerCase();
  if (site === 'same-origin' || site === 'none') return true;
  if (headerValue(headers, 'sec-fetch-mode')?.trim().toLowerCase() !== 'navigate') return false;
  if (headerValue(headers, 'sec-fetch-user')?.trim() !== '?1') return false;
  const destination = headerValue(headers, 'sec-fetch-dest')?.trim().toLowerCase();
  return destination === undefined || destination === 'document';
}

/**
 * True when an ordinary request comes from code rather than from a page navigation, so that an
 * expired session gets a 401 problem instead of an anonymous page: Sec-Fetch-Mode present and not
 * `navigate`; without Sec-Fetch-Mode, an Accept header (or none) that does not name text/html.
 */
export function isApiRequest(headers: RequestHeaders): boolean {
  const mode = headerValue(headers, 'sec-fetch-mode');
  if (mode !== undefined) return mode.trim() !== 'navigate';
  return !acceptListsHtml(headerValue(headers, 'accept') ?? '');
}

/**
 * Whether an `Accept` value lists the media type text/html (Section 9.2): a media range that is
 * exactly text/html (any case, any parameters) with a weight other than 0. Wildcards such as
 * `*\/*` and `text/*` do not list it.
 */
export function acceptListsHtml(accept: string): boolean {
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type !== 'text/html') return false;
    const weight = parameters.find((parameter) => /^q\s*=/.test(parameter));
    return weight === undefined || Number(weight.slice(weight.indexOf('=') + 1).trim()) !== 0;
  });
}
