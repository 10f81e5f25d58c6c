import {
  JSON_MEDIA_TYPE,
  PROTOCOL_VERSION,
  parseJson,
  parseStatus,
  type SessionStatus,
  VERSION_HEADER,
} from '../../../protocol/index.js';
import { type Transport, TransportError } from './transport.js';

/** The `fetch` function, injectable for tests. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Protocol v1 over `fetch` to `endpoint` on the page's origin. */
export class FetchTransport implements Transport {
  constructor(
    readonly endpoint: string,
    private readonly fetchFunction: FetchFunction = (input, init) => fetch(input, init),
    /** A request without an answer after this long fails, so deadlines are still acted on. */
    private readonly timeoutMs = 10_000,
  ) {}

  readStatus(): Promise<SessionStatus> {
    return this.#send('GET');
  }

  reportActivity(idleSeconds: number): Promise<SessionStatus> {
    return this.#send('POST', JSON.stringify({ idleSeconds }));
  }

  logout(): Promise<SessionStatus> {
    return this.#send('DELETE');
  }

  async #send(method: string, body?: string): Promise<SessionStatus> {
    const init: RequestInit = { method, credentials: 'same-origin', cache: 'no-store' };
    if (typeof AbortSignal.timeout === 'function')
      init.signal = AbortSignal.timeout(this.timeoutMs);
    if (method !== 'GET') {
      init.headers = {
        [VERSION_HEADER]: `${PROTOCOL_VERSION}`,
        'content-type': JSON_MEDIA_TYPE,
      };
    }
    if (body !== undefined) init.body = body;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFunction(this.endpoint, init);
      text = await response.text();
    } catch (error) {
      throw new TransportError('network', `${method} ${this.endpoint} failed: ${String(error)}`);
    }
    const json = parseJson(text);
    if (!response.ok) {
      // The problem's detail (or title) when there is one: for the error event, not for logic.
      const problem = (json.ok ? json.value : null) as { detail?: unknown; title?: unknown } | null;
      const detail = String(problem?.detail ?? problem?.title ?? 'no problem details');
      throw new TransportError(
        'http',
        `${method} ${this.endpoint} answered ${response.status}: ${detail}`,
        response.status,
      );
    }
    const type = response.headers.get('content-type') ?? '';
    if (type.split(';')[0]?.trim().toLowerCase() !== JSON_MEDIA_TYPE) {
      throw new TransportError('malformed', `${method} ${this.endpoint}: content type "${type}"`);
    }
    const status = json.ok ? parseStatus(json.value) : json;
    if (!status.ok) {
      throw new TransportError('malformed', `${method} ${this.endpoint}: ${status.error}`);
    }
    return status.value;
  }
}
