import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  makeProblem,
  PROBLEM_TYPE_BASE,
  PROBLEMS,
  type ProblemName,
  parseProblem,
  problemType,
} from '../../protocol/index.js';

const expectedStatuses: Record<ProblemName, number> = {
  'invalid-request': 400,
  'unsupported-media-type': 415,
  'missing-version-header': 403,
  'unsupported-version': 400,
  'cross-site-request': 403,
  'method-not-allowed': 405,
  'payload-too-large': 413,
  'session-expired': 401,
  'store-unavailable': 503,
};

describe('PROBLEMS', () => {
  it('gives every problem the status the specification assigns and a title', () => {
    assert.deepEqual(Object.keys(PROBLEMS).sort(), Object.keys(expectedStatuses).sort());
    for (const [name, status] of Object.entries(expectedStatuses)) {
      assert.equal(PROBLEMS[name as ProblemName].status, status, name);
      assert.ok(PROBLEMS[name as ProblemName].title.length > 0, name);
    }
  });
});

describe('problemType', () => {
  it('is the base URI followed by the name', () => {
    assert.equal(PROBLEM_TYPE_BASE, 'https://session-security.dev/problems/');
    assert.equal(
      problemType('cross-site-request'),
      'https://session-security.dev/problems/cross-site-request',
    );
  });
});

describe('makeProblem', () => {
  it('builds a minimal problem without detail or reason members', () => {
    const problem = makeProblem('method-not-allowed');
    assert.deepEqual(problem, {
      type: 'https://session-security.dev/problems/method-not-allowed',
      title: 'Method not allowed on the protocol resource',
      status: 405,
    });
    assert.equal('detail' in problem, false);
    assert.equal('reason' in problem, false);
  });
  it('adds detail and reason when given', () => {
    assert.deepEqual(makeProblem('session-expired', 'signed out after 10 minutes', 'idle'), {
      type: 'https://session-security.dev/problems/session-expired',
      title: 'The session has expired',
      status: 401,
      detail: 'signed out after 10 minutes',
      reason: 'idle',
    });
  });
  it('builds problems that parseProblem accepts unchanged', () => {
    for (const name of Object.keys(expectedStatuses) as ProblemName[]) {
      const problem = makeProblem(name, `detail of ${name}`);
      assert.deepEqual(parseProblem(JSON.parse(JSON.stringify(problem))), {
        ok: true,
        value: problem,
      });
    }
  });
});
