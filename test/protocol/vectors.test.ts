import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import {
  type ActivityRecord,
  ALLOW_HEADER_VALUE,
  ALLOWED_METHODS,
  activeStatus,
  CACHE_CONTROL_NO_STORE,
  checkActivityReportBytes,
  checkStateChangingHeaders,
  DEFAULT_RESOURCE_PATH,
  expiredStatus,
  expiryReasonAt,
  JSON_MEDIA_TYPE,
  lastActivityAfterReport,
  PROBLEM_MEDIA_TYPE,
  PROBLEMS,
  type ProblemName,
  parseStatus,
  problemType,
  type SessionStatus,
  type TestVector,
  type VectorSessionState,
  validateTimeouts,
} from '../../protocol/index.js';

const Ajv2020 = Ajv2020Module.default;
const root = new URL('../../../', import.meta.url);
const vectorDir = new URL('protocol/vectors/', root);
const SERVER_ORIGIN = 'http://localhost';
/** Any instant works: vectors are relative to the request and the clock does not move. */
const NOW_MS = 1_764_000_000_000;

const schema = JSON.parse(readFileSync(new URL('protocol/schema.json', root), 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addSchema(schema);
const validateVector = ajv.getSchema(`${schema.$id}#/$defs/TestVector`);
const validateStatus = ajv.getSchema(`${schema.$id}#/$defs/SessionStatus`);
assert.ok(validateVector && validateStatus);

const files = readdirSync(vectorDir)
  .filter((name) => name.endsWith('.json'))
  .sort();
const vectors = files.map((file) => ({
  file,
  vector: JSON.parse(readFileSync(new URL(file, vectorDir), 'utf8')) as TestVector,
}));

interface Outcome {
  status: number;
  contentType: string;
  body?: SessionStatus;
  problemType?: string;
  after: VectorSessionState;
}

function problemOutcome(name: ProblemName, after: VectorSessionState): Outcome {
  return {
    status: PROBLEMS[name].status,
    contentType: PROBLEM_MEDIA_TYPE,
    problemType: problemType(name),
    after,
  };
}

function stateOf(record: ActivityRecord): VectorSessionState {
  return {
    session: 'active',
    idleMs: NOW_MS - record.lastActivityMs,
    ageMs: NOW_MS - record.startedAtMs,
  };
}

/**
 * The reference model: what a conforming server answers, computed from protocol/rules.ts and the
 * request checks. The vectors are written out by hand; this must agree with each of them.
 */
function referenceOutcome(vector: TestVector): Outcome {
  const { method, headers } = vector.request;
  const prior = vector.prior;
  const ok = (body: SessionStatus, after: VectorSessionState): Outcome => ({
    status: 200,
    contentType: JSON_MEDIA_TYPE,
    ...(method === 'HEAD' ? {} : { body }),
    after,
  });
  if (!ALLOWED_METHODS.includes(method)) return problemOutcome('method-not-allowed', prior);
  let idleSeconds = 0;
  if (method === 'POST' || method === 'DELETE') {
    const csrf = checkStateChangingHeaders(headers, SERVER_ORIGIN);
    if (!csrf.ok) return problemOutcome(csrf.problem, prior);
    if (method === 'POST') {
      const report = checkActivityReportBytes(headers['content-type'], vectorBodyBytes(vector));
      if (!report.ok) return problemOutcome(report.problem, prior);
      idleSeconds = report.value.idleSeconds;
    }
  }
  if (prior.session === 'none') return ok(expiredStatus('no-session'), prior);
  const timeouts = validateTimeouts(vector.timeouts);
  assert.ok(timeouts.ok, 'vector timeouts are valid');
  const record = { lastActivityMs: NOW_MS - prior.idleMs, startedAtMs: NOW_MS - prior.ageMs };
  const reason = expiryReasonAt(record, timeouts.value, NOW_MS);
  if (reason !== null) return ok(expiredStatus(reason), { session: 'none' });
  if (method === 'DELETE') return ok(expiredStatus('logout'), { session: 'none' });
  if (method === 'POST') {
    const updated = {
      ...record,
      lastActivityMs: lastActivityAfterReport(record, idleSeconds, NOW_MS),
    };
    return ok(activeStatus(updated, timeouts.value, NOW_MS), stateOf(updated));
  }
  return ok(activeStatus(record, timeouts.value, NOW_MS), prior);
}

/** The request body's bytes: `body` as UTF-8, or `bodyBase64` decoded. */
function vectorBodyBytes(vector: TestVector): Uint8Array {
  const { body, bodyBase64 } = vector.request;
  return bodyBase64 === undefined
    ? Buffer.from(body ?? '', 'utf8')
    : Buffer.from(bodyBase64, 'base64');
}

function expectedOutcome(vector: TestVector): Outcome {
  const { status, contentType, body, problemType: type } = vector.response;
  return {
    status,
    contentType,
    ...(body === undefined ? {} : { body }),
    ...(type === undefined ? {} : { problemType: type }),
    after: vector.after,
  };
}

describe('protocol/vectors', () => {
  it('holds at least 30 vectors', () => {
    assert.ok(vectors.length >= 30, `${vectors.length} vectors`);
  });

  it('covers every case the specification requires a vector for', () => {
    const names = new Set(vectors.map(({ vector }) => vector.name));
    const required = [
      'status-read-active',
      'status-read-active-absolute',
      'status-read-expired-idle',
      'status-read-expired-absolute',
      'status-read-anonymous',
      'status-read-idle-boundary-active',
      'status-read-expired-idle-at-deadline',
      'status-read-absolute-boundary-active',
      'report-django-1-4',
      'report-django-3-2',
      'report-django-5-5',
      'report-django-12-14-expired',
      'report-zero',
      'report-larger-than-server-idle',
      'report-fractional',
      'report-anonymous',
      'report-extra-members-ignored',
      'logout',
      'logout-without-session',
      'report-rejected-sec-fetch-site-cross-site',
      'report-rejected-sec-fetch-site-same-site',
      'report-rejected-foreign-origin',
      'report-rejected-origin-null',
      'report-rejected-missing-version-header',
      'report-rejected-unsupported-version',
      'report-rejected-content-type-text-plain',
      'report-rejected-text-plain-form',
      'method-put',
      'method-patch',
      'method-options-preflight',
      'report-invalid-json',
      'report-array-body',
      'report-string-body',
      'report-negative',
      'report-nan-string',
      'report-infinite-literal',
      'report-too-large',
      'report-missing-member',
      'report-oversize-body',
    ];
    for (const name of required) assert.ok(names.has(name), name);
    const problems = new Set(vectors.map(({ vector }) => vector.response.problemType));
    for (const name of Object.keys(PROBLEMS) as ProblemName[]) {
      if (name === 'session-expired' || name === 'store-unavailable') continue;
      assert.ok(problems.has(problemType(name)), `a vector answers ${name}`);
    }
  });

  it('the reference model notices a wrong expected answer (so these tests can fail)', () => {
    const original = vectors.find(({ vector }) => vector.name === 'report-django-3-2');
    assert.ok(original);
    const tampered = structuredClone(original.vector) as {
      response: { body: { idleSeconds: number } };
    };
    tampered.response.body.idleSeconds = 3;
    assert.notDeepEqual(
      referenceOutcome(tampered as unknown as TestVector),
      expectedOutcome(tampered as unknown as TestVector),
    );
  });

  it('the TestVector schema refuses malformed vectors (so the validation can fail)', () => {
    const byName = (name: string) => {
      const found = vectors.find(({ vector }) => vector.name === name);
      assert.ok(found, name);
      return structuredClone(found.vector) as unknown as Record<string, Record<string, unknown>>;
    };
    const problemWithoutType = byName('report-negative');
    delete problemWithoutType.response?.problemType;
    const problemWithBody = byName('report-negative');
    (problemWithBody.response as Record<string, unknown>).body = {
      version: 1,
      state: 'expired',
      reason: 'idle',
    };
    const headWithBody = byName('status-read-head');
    (headWithBody.response as Record<string, unknown>).body = {
      version: 1,
      state: 'expired',
      reason: 'idle',
    };
    const getWithoutBody = byName('status-read-active');
    delete getWithoutBody.response?.body;
    const unknownMember = { ...byName('logout'), surprise: true };
    const badState = byName('logout');
    badState.after = { session: 'active', idleMs: -1, ageMs: 0 };
    const upperCaseHeader = byName('logout');
    (upperCaseHeader.request as Record<string, unknown>).headers = { Host: 'localhost' };
    for (const bad of [
      problemWithoutType,
      problemWithBody,
      headWithBody,
      getWithoutBody,
      unknownMember,
      badState,
      upperCaseHeader,
    ]) {
      assert.equal(validateVector(bad), false, JSON.stringify(bad));
    }
  });

  for (const { file, vector } of vectors) {
    describe(file, () => {
      it('validates against the TestVector schema and is named after its file', () => {
        assert.equal(validateVector(vector), true, JSON.stringify(validateVector.errors));
        assert.equal(`${vector.name}.json`, file);
        assert.equal(vector.request.path, DEFAULT_RESOURCE_PATH);
        assert.match(vector.request.headers.host ?? '', /^localhost(:80)?$/i);
      });

      it('has timeouts that validateTimeouts accepts', () => {
        assert.equal(validateTimeouts(vector.timeouts).ok, true);
      });

      if (vector.response.body !== undefined) {
        it('has a success body that parseStatus and the SessionStatus schema accept unchanged', () => {
          assert.deepEqual(parseStatus(vector.response.body), {
            ok: true,
            value: vector.response.body,
          });
          assert.equal(validateStatus(vector.response.body), true);
          const absolute = vector.timeouts.absoluteTimeoutSeconds !== null;
          if (vector.response.body?.state === 'active') {
            assert.equal('absoluteRemainingSeconds' in vector.response.body, absolute);
          }
        });
      }

      it('requires Cache-Control: no-store, no CORS headers, and Allow on a 405', () => {
        assert.equal(vector.response.headers?.['cache-control'], CACHE_CONTROL_NO_STORE);
        assert.ok(vector.response.absentHeaders?.includes('access-control-allow-origin'));
        if (vector.response.status === 405) {
          assert.equal(vector.response.headers?.allow, ALLOW_HEADER_VALUE);
        }
        const changesSession = JSON.stringify(vector.prior) !== JSON.stringify(vector.after);
        const passive = vector.request.method === 'GET' || vector.request.method === 'HEAD';
        if (passive || vector.response.status >= 400 || vector.prior.session === 'none') {
          assert.ok(vector.response.absentHeaders?.includes('set-cookie'), 'no Set-Cookie');
        }
        if (vector.response.status >= 400)
          assert.equal(changesSession, false, 'rejections change nothing');
      });

      it('agrees with the reference model (protocol/rules.ts and the request checks)', () => {
        assert.deepEqual(referenceOutcome(vector), expectedOutcome(vector));
      });
    });
  }
});
