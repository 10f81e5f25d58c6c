import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_RESOURCE_PATH,
  PROBLEM_TYPE_BASE,
  PROBLEMS,
  type ProblemName,
  type TestVector,
} from '../../protocol/index.js';
import { forEachLimited } from '../async-helpers.js';
import type { CheckGroup } from '../check-group.js';
import type { CookieJar } from '../cookie-jar.js';
import { CheckSkipped, expectActive, expectExpired, expectProblem, fail } from '../expect.js';
import type { Exchange } from '../http-client.js';
import { REPORT_ACCEPTED } from './setup.js';

/** The package's own vectors: protocol/vectors beside build/. */
export const DEFAULT_VECTORS_DIR = fileURLToPath(
  new URL('../../../protocol/vectors/', import.meta.url),
);

const VECTOR_ORIGIN = 'http://localhost';
/** Vectors replayed concurrently: fast, without a burst of sign-ins. */
const VECTORS_AT_ONCE = 8;

/**
 * Whether a vector can be replayed black-box against a live server: only those whose outcome
 * does not depend on a prior idle or age the suite cannot set up (refusals, anonymous calls,
 * logout).
 */
export function isReplayable(vector: TestVector): boolean {
  if (vector.request.path !== DEFAULT_RESOURCE_PATH) return false;
  const { response, prior } = vector;
  if (response.problemType !== undefined) {
    const name = response.problemType.slice(PROBLEM_TYPE_BASE.length) as ProblemName;
    return (
      response.problemType.startsWith(PROBLEM_TYPE_BASE) &&
      name in PROBLEMS &&
      name !== 'session-expired' &&
      name !== 'store-unavailable'
    );
  }
  const body = response.body;
  if (body === undefined) return false;
  // A fresh session stands in for any active prior: only the state can be compared then.
  if (body.state === 'active') return prior.session === 'active';
  return (
    (body.reason === 'no-session' && prior.session === 'none') ||
    (body.reason === 'logout' && prior.session === 'active')
  );
}

function isVector(value: unknown): value is TestVector {
  const vector = value as Partial<TestVector> | null;
  return (
    typeof vector === 'object' &&
    vector !== null &&
    typeof vector.name === 'string' &&
    typeof vector.request?.method === 'string' &&
    typeof vector.request.path === 'string' &&
    typeof vector.response?.status === 'number' &&
    typeof vector.prior?.session === 'string'
  );
}

/** Reads every vector in `dir` (files holding one vector, an array, or `{ vectors: [...] }`). */
export async function loadVectors(dir: string): Promise<TestVector[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const vectors: TestVector[] = [];
  for (const name of names) {
    const json = JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
    const list = Array.isArray(json)
      ? json
      : typeof json === 'object' &&
          json !== null &&
          Array.isArray((json as { vectors?: unknown }).vectors)
        ? (json as { vectors: unknown[] }).vectors
        : [json];
    for (const item of list) {
      if (!isVector(item))
        throw new Error(`${join(dir, name)} holds something that is not a test vector`);
      vectors.push(item);
    }
  }
  return vectors;
}

/** Replays the protocol test vectors that fit a live server, each on a fresh session if it needs one. */
export async function vectorChecks(dir: string): Promise<CheckGroup> {
  const vectors = (await loadVectors(dir)).filter(isReplayable);
  const checks =
    vectors.length === 0
      ? [{ name: 'vectors', description: `replays the protocol test vectors in ${dir}` }]
      : vectors.map((vector) => ({
          name: `vector:${vector.name}`,
          description: vector.description,
          dependsOn: prerequisitesOf(vector),
        }));
  return {
    name: 'vectors',
    needsSession: true,
    waitsForExpiry: false,
    // Its DELETEs sign in again, and are skipped when --cookie gives only one session.
    endsSession: false,
    checks,
    async run(context, recorder) {
      if (vectors.length === 0) {
        recorder.skip('vectors', `no replayable test vectors found in ${dir}`);
        return;
      }
      // Each vector that needs a session gets a fresh one, so a vector that wrongly ends its
      // session cannot fail the vectors after it. With --cookie there is one session: the
      // vectors share it one after the other, and those after one that ended it are skipped.
      const oneSession = context.options.signIn.kind === 'cookie';
      const jarFor = async (vector: TestVector): Promise<CookieJar | undefined> => {
        if (vector.prior.session !== 'active') return undefined;
        if (oneSession && vector.request.method === 'DELETE') {
          throw new CheckSkipped('a DELETE would end the only session --cookie gives');
        }
        try {
          return (await context.newSession({ anchored: false })).jar;
        } catch (error) {
          if (error instanceof CheckSkipped) throw error;
          throw new CheckSkipped(
            `could not judge: signing in for this vector failed (${(error as Error).message})`,
          );
        }
      };
      await forEachLimited(vectors, oneSession ? 1 : VECTORS_AT_ONCE, (vector) =>
        recorder.check(`vector:${vector.name}`, async () => {
          const jar = await jarFor(vector);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(vector.request.headers)) {
            if (name === 'host' || name === 'cookie') continue;
            headers[name] =
              name === 'origin' && value === VECTOR_ORIGIN ? context.client.origin : value;
          }
          const exchange = await context.client.send(vector.request.method, context.resourcePath, {
            headers,
            ...(vector.request.body === undefined ? {} : { body: vector.request.body }),
            ...(vector.request.bodyBase64 === undefined
              ? {}
              : { body: Buffer.from(vector.request.bodyBase64, 'base64') }),
            ...(jar ? { jar } : {}),
          });
          const { response } = vector;
          if (response.problemType !== undefined) {
            expectProblem(
              exchange,
              response.problemType.slice(PROBLEM_TYPE_BASE.length) as ProblemName,
            );
          } else if (response.body?.state === 'expired') {
            expectExpired(exchange, [response.body.reason], `vector ${vector.name}`);
          } else if (response.body?.state === 'active') {
            expectActive(exchange, `vector ${vector.name}`);
          }
          if (exchange.response.status !== response.status) {
            fail(`expected HTTP ${response.status}, got ${exchange.response.status}`, exchange);
          }
          expectVectorHeaders(exchange, response);
          if (oneSession && jar && endedTheSession(exchange, vector)) {
            context.cookieSessionEndedBy ??= `vector:${vector.name}`;
          }
        }),
      );
    },
  };
}

/**
 * The checks a vector's replay cannot be judged without: a same-origin POST or DELETE that the
 * vector expects to get past the CSRF checks needs the server to accept its own origin.
 */
function prerequisitesOf(vector: TestVector): string[] {
  const { method, headers } = vector.request;
  if (method !== 'POST' && method !== 'DELETE') return [];
  if (vector.response.problemType === problemTypeOf('cross-site-request')) return [];
  if (headers.origin === undefined && headers['sec-fetch-site'] === undefined) return [];
  return method === 'DELETE' && vector.response.status === 200
    ? [REPORT_ACCEPTED, 'logout']
    : [REPORT_ACCEPTED];
}

function problemTypeOf(name: ProblemName): string {
  return PROBLEM_TYPE_BASE + name;
}

/** With --cookie: whether this answer says the one session is no longer active. */
function endedTheSession(exchange: Exchange, vector: TestVector): boolean {
  if (vector.request.method === 'DELETE') return true;
  if (exchange.response.status !== 200 || vector.request.method === 'HEAD') return false;
  return !exchange.response.body.includes('"active"');
}

/** Response headers a vector lists (`headers`: exact values; `absentHeaders`: must be missing). */
interface VectorHeaders {
  readonly headers?: Readonly<Record<string, string>>;
  readonly absentHeaders?: readonly string[];
}

function expectVectorHeaders(exchange: Exchange, response: TestVector['response']): void {
  const { headers = {}, absentHeaders = [] } = response as VectorHeaders;
  for (const [name, value] of Object.entries(headers)) {
    // no-store has its own check over every response; here it would only repeat that failure.
    if (name.toLowerCase() === 'cache-control') continue;
    const got = exchange.response.headers[name.toLowerCase()];
    if (got?.trim().toLowerCase() !== value.toLowerCase()) {
      fail(`expected header ${name}: ${value}, got ${got ?? 'none'}`, exchange);
    }
  }
  for (const name of absentHeaders) {
    const lower = name.toLowerCase();
    const present =
      lower === 'set-cookie'
        ? exchange.response.setCookies.length > 0
        : exchange.response.headers[lower] !== undefined;
    if (present) fail(`expected no ${name} header`, exchange);
  }
}
