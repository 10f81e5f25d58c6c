import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** An HTTP answer, read in full. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly setCookies: readonly string[];
  readonly text: string;
  json(): Record<string, unknown>;
}

/** Reads a response in full. */
export function readAnswer(response: IncomingMessage): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        setCookies: response.headers['set-cookie'] ?? [],
        text,
        json: () => JSON.parse(text) as Record<string, unknown>,
      });
    });
  });
}

/**
 * One HTTP request with exactly the given headers (Node's fetch would replace Sec-Fetch-Mode and
 * Accept, which the server reads to tell pages from API calls).
 */
export function send(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, origin), { method, headers }, (response) => {
      readAnswer(response).then(resolve, reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A same-origin form post, as the demo's own pages send it. */
export function postForm(
  origin: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const formHeaders = {
    'content-type': 'application/x-www-form-urlencoded',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'navigate',
    origin,
    ...headers,
  };
  return send(origin, 'POST', path, formHeaders, new URLSearchParams(fields).toString());
}

/** A page load (a navigation) with the given cookie. */
export function getPage(origin: string, path: string, cookie?: string): Promise<HttpAnswer> {
  return send(origin, 'GET', path, {
    accept: 'text/html',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-site': 'same-origin',
    ...(cookie ? { cookie } : {}),
  });
}

/**
 * Signs in as demo/demo over HTTP and follows the redirect to / as a browser does; returns the
 * `Cookie` header value of the new session.
 */
export async function signIn(origin: string): Promise<string> {
  const response = await postForm(origin, '/login', { username: 'demo', password: 'demo' });
  assert.equal(response.status, 303, 'sign-in redirects');
  assert.equal(response.headers.location, '/');
  assert.equal(response.setCookies.length, 1, `one cookie: ${JSON.stringify(response.setCookies)}`);
  const cookie = (response.setCookies[0] ?? '').split(';')[0] ?? '';
  const home = await getPage(origin, '/', cookie);
  assert.equal(home.status, 200, 'the home page after sign-in');
  return cookie;
}

/** The protocol resource's status read (passive), as the element sends it. */
export async function readStatus(origin: string, cookie: string): Promise<Record<string, unknown>> {
  const response = await send(origin, 'GET', '/session-security', {
    cookie,
    'sec-fetch-mode': 'cors',
    'sec-fetch-site': 'same-origin',
  });
  assert.equal(response.status, 200);
  return response.json();
}

/** An activity report (`POST` on the protocol resource), headers as the element sends them. */
export function reportActivity(
  origin: string,
  cookie: string,
  idleSeconds: number,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const requestHeaders = {
    cookie,
    'content-type': 'application/json',
    'session-security-version': '1',
    'sec-fetch-mode': 'cors',
    'sec-fetch-site': 'same-origin',
    origin,
    ...headers,
  };
  const body = JSON.stringify({ idleSeconds });
  return send(origin, 'POST', '/session-security', requestHeaders, body);
}
