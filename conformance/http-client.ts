import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { CookieJar } from './cookie-jar.js';

/** A request as the suite sent it (header names in lower case). */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (bytes that are not UTF-8 shown as U+FFFD). */
  readonly body?: string;
}

/** A response as the suite received it. `setCookies` holds every `Set-Cookie` line. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly setCookies: readonly string[];
  readonly body: string;
}

/** One request and its response, kept for the report. */
export interface Exchange {
  readonly request: SentRequest;
  readonly response: ReceivedResponse;
  /** Client clock when the request was sent and when the response was complete. */
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
}

export interface SendOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Text (sent as UTF-8) or exact bytes. */
  readonly body?: string | Uint8Array;
  /** Cookies to send; the jar absorbs the response's `Set-Cookie` lines. */
  readonly jar?: CookieJar;
}

/** Thrown when the server could not be reached or did not answer in time. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly request: SentRequest,
  ) {
    super(message);
  }
}

/**
 * HTTP client over node:http rather than fetch: fetch always adds `Sec-Fetch-Mode: cors` and
 * other headers, and the suite must control exactly which fetch-metadata headers are sent.
 * Redirects are never followed. Every exchange is recorded, for the checks over all responses.
 */
export class HttpClient {
  readonly exchanges: Exchange[] = [];
  /**
   * Reuses connections, but drops idle ones after a second: well before a server closes them
   * (Node's default is 5 s), so a request never races a closing connection.
   */
  private readonly agent: HttpAgent;

  constructor(
    readonly baseUrl: URL,
    private readonly timeoutMs = 10_000,
  ) {
    const agentOptions = { keepAlive: true, timeout: 1000 };
    this.agent =
      baseUrl.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  /** Closes the connections kept open. */
  close(): void {
    this.agent.destroy();
  }

  /** The server's origin, e.g. `http://127.0.0.1:3000`. */
  get origin(): string {
    return this.baseUrl.origin;
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const url = this.url(path);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    const cookie = options.jar?.header();
    if (cookie !== undefined) headers.cookie = cookie;
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? Buffer.from(options.body, 'utf8')
          : Buffer.from(options.body);
    if (body !== undefined) headers['content-length'] = String(body.length);
    const sent: SentRequest = {
      method,
      url: url.href,
      headers,
      ...(body === undefined ? {} : { body: body.toString('utf8') }),
    };
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const sentAtMs = Date.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        { method, headers, timeout: this.timeoutMs, agent: this.agent },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', (error) => reject(new NetworkError(error.message, sent)));
          incoming.on('end', () => {
            const setCookies = incoming.headers['set-cookie'] ?? [];
            options.jar?.absorb(setCookies);
            const exchange: Exchange = {
              request: sent,
              response: {
                status: incoming.statusCode ?? 0,
                headers: flattenHeaders(incoming.headers),
                setCookies,
                body: Buffer.concat(chunks).toString('utf8'),
              },
              sentAtMs,
              receivedAtMs: Date.now(),
            };
            this.exchanges.push(exchange);
            resolve(exchange);
          });
        },
      );
      outgoing.on('timeout', () => {
        outgoing.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      });
      outgoing.on('error', (error) => reject(new NetworkError(error.message, sent)));
      outgoing.end(body);
    });
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'set-cookie' || value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

const BODY_PREVIEW_CHARS = 600;

/** The request and response as indented text lines, for a failure report. */
export function describeExchange(exchange: Exchange): string[] {
  const { request, response } = exchange;
  const lines = [`request: ${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  ${name}: ${value}`);
  if (request.body !== undefined) lines.push(`  body: ${preview(request.body)}`);
  lines.push(`response: ${response.status}`);
  for (const [name, value] of Object.entries(response.headers)) lines.push(`  ${name}: ${value}`);
  for (const line of response.setCookies) lines.push(`  set-cookie: ${line}`);
  if (response.body !== '') lines.push(`  body: ${preview(response.body)}`);
  return lines;
}

function preview(text: string): string {
  const oneLine = JSON.stringify(text);
  return oneLine.length > BODY_PREVIEW_CHARS
    ? `${oneLine.slice(0, BODY_PREVIEW_CHARS)}...`
    : oneLine;
}
