/**
 * The requests a server must refuse, each with the problem it must answer: the CSRF rules and
 * bad report bodies. Replayed by the rejections group (rejections.ts).
 */
import {
  MAX_BODY_BYTES,
  MAX_IDLE_SECONDS,
  type ProblemName,
  VERSION_HEADER,
} from '../../protocol/index.js';
import type { HeaderChanges } from '../context.js';
import { padTo } from './activity.js';

/** One request the server must refuse, and the problem it must answer. */
export interface Rejection {
  readonly name: string;
  readonly description: string;
  readonly method: 'POST' | 'DELETE';
  readonly headers: HeaderChanges;
  readonly body?: string | Uint8Array;
  readonly problem: ProblemName;
}

/** A valid report, sent where only the headers are wrong. */
export const REPORT = '{"idleSeconds":0}';

function csrf(
  name: string,
  description: string,
  headers: HeaderChanges,
  problem: ProblemName,
  method: 'POST' | 'DELETE' = 'POST',
): Rejection {
  return {
    name,
    description,
    method,
    headers,
    problem,
    ...(method === 'POST' ? { body: REPORT } : {}),
  };
}

function badBody(
  name: string,
  description: string,
  body: string | Uint8Array | undefined,
  problem: ProblemName = 'invalid-request',
  contentType: string | null = 'application/json',
): Rejection {
  return {
    name,
    description,
    method: 'POST',
    headers: { 'content-type': contentType },
    ...(body === undefined ? {} : { body }),
    problem,
  };
}

/**
 * The CSRF rules of SPEC Section 7 for `ownOrigin`: Fetch Metadata, Origin and the version
 * header, for reports and logouts, and the order in which they are checked.
 */
function csrfRejections(ownOrigin: string): Rejection[] {
  const own = new URL(ownOrigin);
  const otherPort = `${own.protocol}//${own.hostname}:${Number(own.port || (own.protocol === 'https:' ? 443 : 80)) + 1}`;
  const otherScheme = `${own.protocol === 'https:' ? 'http:' : 'https:'}//${own.host}`;
  const noSite = { 'sec-fetch-site': null };
  return [
    csrf(
      'csrf-sec-fetch-site-cross-site',
      'POST with Sec-Fetch-Site: cross-site is refused',
      { 'sec-fetch-site': 'cross-site' },
      'cross-site-request',
    ),
    csrf(
      'csrf-sec-fetch-site-same-site',
      'POST with Sec-Fetch-Site: same-site is refused',
      { 'sec-fetch-site': 'same-site' },
      'cross-site-request',
    ),
    csrf(
      'csrf-sec-fetch-site-none',
      'POST with Sec-Fetch-Site: none is refused',
      { 'sec-fetch-site': 'none' },
      'cross-site-request',
    ),
    csrf(
      'csrf-foreign-origin',
      'POST with a foreign Origin (no Sec-Fetch-Site) is refused',
      { ...noSite, origin: 'https://attacker.example' },
      'cross-site-request',
    ),
    csrf(
      'csrf-null-origin',
      'POST with Origin: null is refused',
      { ...noSite, origin: 'null' },
      'cross-site-request',
    ),
    csrf(
      'csrf-origin-other-port',
      'POST with an Origin on another port is refused',
      { ...noSite, origin: otherPort },
      'cross-site-request',
    ),
    csrf(
      'csrf-origin-other-scheme',
      'POST with an Origin of another scheme is refused',
      { ...noSite, origin: otherScheme },
      'cross-site-request',
    ),
    csrf(
      'csrf-missing-version-header',
      `POST without ${VERSION_HEADER} is refused`,
      { [VERSION_HEADER]: null },
      'missing-version-header',
    ),
    csrf(
      'csrf-wrong-version-header',
      `POST with ${VERSION_HEADER}: 2 is refused`,
      { [VERSION_HEADER]: '2' },
      'unsupported-version',
    ),
    csrf(
      'csrf-order-site-before-version',
      'a cross-site POST without the version header is refused as cross-site',
      { 'sec-fetch-site': 'cross-site', [VERSION_HEADER]: null },
      'cross-site-request',
    ),
    {
      name: 'csrf-order-version-before-body',
      description:
        'a POST without the version header and with a bad body is refused for the header',
      method: 'POST',
      headers: { [VERSION_HEADER]: null, 'content-type': 'text/plain' },
      body: 'not json',
      problem: 'missing-version-header',
    },
    csrf(
      'csrf-delete-cross-site',
      'DELETE with Sec-Fetch-Site: cross-site is refused',
      { 'sec-fetch-site': 'cross-site' },
      'cross-site-request',
      'DELETE',
    ),
    csrf(
      'csrf-delete-foreign-origin',
      'DELETE with a foreign Origin is refused',
      { ...noSite, origin: 'https://attacker.example' },
      'cross-site-request',
      'DELETE',
    ),
    csrf(
      'csrf-delete-missing-version-header',
      `DELETE without ${VERSION_HEADER} is refused`,
      { [VERSION_HEADER]: null },
      'missing-version-header',
      'DELETE',
    ),
    csrf(
      'csrf-delete-wrong-version-header',
      `DELETE with ${VERSION_HEADER}: 2 is refused`,
      { [VERSION_HEADER]: '2' },
      'unsupported-version',
      'DELETE',
    ),
  ];
}

/** Reports with a bad media type, size, encoding or content (SPEC Sections 2.2 and 4). */
function badBodyRejections(): Rejection[] {
  return [
    badBody(
      'body-text-plain',
      'a report sent as text/plain answers 415',
      REPORT,
      'unsupported-media-type',
      'text/plain',
    ),
    badBody(
      'body-no-content-type',
      'a report without Content-Type answers 415',
      REPORT,
      'unsupported-media-type',
      null,
    ),
    badBody(
      'body-form-urlencoded',
      'a form-encoded report answers 415',
      'idleSeconds=0',
      'unsupported-media-type',
      'application/x-www-form-urlencoded',
    ),
    badBody(
      'body-too-large',
      `a report over ${MAX_BODY_BYTES} bytes answers 413`,
      padTo('{"idleSeconds":0,"padding":"', '"}', MAX_BODY_BYTES + 1),
      'payload-too-large',
    ),
    badBody('body-invalid-json', 'a report that is not JSON answers 400', '{idleSeconds: 0}'),
    badBody('body-truncated-json', 'a truncated JSON report answers 400', '{"idleSeconds":'),
    badBody('body-empty', 'an empty report answers 400', ''),
    badBody('body-absent', 'a report without a body answers 400', undefined),
    badBody('body-array', 'a JSON array answers 400', '[0]'),
    badBody('body-null', 'a JSON null answers 400', 'null'),
    badBody('body-string', 'a JSON string answers 400', '"0"'),
    badBody('body-number', 'a bare JSON number answers 400', '0'),
    badBody('body-missing-idle-seconds', 'an object without idleSeconds answers 400', '{"idle":0}'),
    badBody(
      'body-idle-seconds-string',
      'idleSeconds as a string answers 400',
      '{"idleSeconds":"0"}',
    ),
    badBody('body-idle-seconds-null', 'idleSeconds null answers 400', '{"idleSeconds":null}'),
    badBody('body-idle-seconds-boolean', 'idleSeconds true answers 400', '{"idleSeconds":true}'),
    badBody(
      'body-idle-seconds-object',
      'idleSeconds as an object answers 400',
      '{"idleSeconds":{"value":0}}',
    ),
    badBody(
      'body-idle-seconds-negative',
      'a negative idleSeconds answers 400',
      '{"idleSeconds":-1}',
    ),
    badBody(
      'body-idle-seconds-too-large',
      `idleSeconds over ${MAX_IDLE_SECONDS} answers 400`,
      `{"idleSeconds":${MAX_IDLE_SECONDS + 1}}`,
    ),
    badBody(
      'body-idle-seconds-overflow',
      'idleSeconds 1e400 (infinite once parsed) answers 400',
      '{"idleSeconds":1e400}',
    ),
    badBody(
      'body-media-type-before-size',
      `a text/plain report over ${MAX_BODY_BYTES} bytes answers 415, not 413: the media type is checked first`,
      padTo('{"idleSeconds":0,"padding":"', '"}', 2 * MAX_BODY_BYTES),
      'unsupported-media-type',
      'text/plain',
    ),
    badBody(
      'body-invalid-utf8',
      'a report that is not valid UTF-8 (a 0xFF byte in a string) answers 400, not decoded with U+FFFD',
      Uint8Array.from([...Buffer.from('{"idleSeconds":0,"note":"'), 0xff, ...Buffer.from('"}')]),
    ),
  ];
}

/** Every request a server on `ownOrigin` must refuse: the CSRF rules, then bad bodies. */
export function rejections(ownOrigin: string): Rejection[] {
  return [...csrfRejections(ownOrigin), ...badBodyRejections()];
}
