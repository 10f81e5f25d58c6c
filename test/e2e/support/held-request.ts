import { request as httpRequest } from 'node:http';
import { type HttpAnswer, readAnswer } from './http.js';

/** A request whose body is sent in two parts: the server has its headers, not all its body. */
export interface HeldRequest {
  /** Sends the rest of the body and reads the answer. */
  finish(): Promise<HttpAnswer>;
}

/**
 * Starts a request and sends only the first half of its body, as a slow client would: the
 * server runs its onRequest hooks (the session is loaded) and waits for the rest.
 */
export function holdRequest(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): HeldRequest {
  const bytes = Buffer.from(body);
  const half = Math.max(1, Math.floor(bytes.length / 2));
  const outgoing = httpRequest(new URL(path, origin), {
    method,
    headers: { ...headers, 'content-length': String(bytes.length) },
  });
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      readAnswer(response).then(resolve, reject);
    });
  });
  outgoing.flushHeaders();
  outgoing.write(bytes.subarray(0, half));
  return {
    finish() {
      outgoing.end(bytes.subarray(half));
      return answer;
    },
  };
}
