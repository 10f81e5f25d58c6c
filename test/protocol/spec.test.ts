import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  ALLOW_HEADER_VALUE,
  DEFAULT_RESOURCE_PATH,
  MAX_BODY_BYTES,
  MAX_IDLE_SECONDS,
  PROBLEM_TYPE_BASE,
  PROBLEMS,
  type ProblemName,
  parseJson,
  parseProblem,
  parseStatus,
} from '../../protocol/index.js';

const spec = readFileSync(new URL('../../../protocol/SPEC.md', import.meta.url), 'utf8');

interface Transcript {
  requestLine: string;
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** The HTTP transcripts of the specification: each ```http block, its response part parsed. */
function transcripts(): Transcript[] {
  const blocks = [...spec.matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  return blocks.map((block) => {
    const lines = block.trimEnd().split('\n');
    const responseStart = lines.findIndex((line) => /^HTTP\/1\.1 \d{3} /.test(line));
    assert.ok(responseStart > 0, `a response in:\n${block}`);
    const headers = new Map<string, string>();
    let index = responseStart + 1;
    for (; index < lines.length && lines[index] !== ''; index += 1) {
      const line = lines[index] as string;
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    return {
      requestLine: lines[0] as string,
      status: Number((lines[responseStart] as string).split(' ')[1]),
      headers,
      body: lines.slice(index + 1).join('\n'),
    };
  });
}

describe('SPEC.md transcripts agree with protocol/', () => {
  const all = transcripts();
  it('has a transcript for every case the specification promises', () => {
    const statuses = all.map((t) => t.status);
    for (const status of [200, 303, 400, 401, 403, 405, 413, 415, 503]) {
      assert.ok(statuses.includes(status), `a ${status} transcript`);
    }
    assert.ok(all.length >= 18, `${all.length} transcripts`);
  });
  for (const t of all) {
    it(`${t.requestLine} -> ${t.status}`, () => {
      const type = t.headers.get('content-type') ?? '';
      const forResource = t.requestLine.split(' ')[1] === DEFAULT_RESOURCE_PATH;
      if (forResource) {
        assert.equal(t.headers.get('cache-control'), 'no-store');
        for (const name of t.headers.keys()) assert.doesNotMatch(name, /^access-control-/);
      }
      if (t.status === 405) assert.equal(t.headers.get('allow'), ALLOW_HEADER_VALUE);
      if (type.startsWith('application/problem+json')) {
        const json = parseJson(t.body);
        assert.ok(json.ok, t.body);
        const problem = parseProblem(json.value);
        assert.ok(problem.ok, t.body);
        assert.equal(problem.value.status, t.status);
        if (problem.value.type === 'about:blank') {
          // RFC 9457's generic type: only the rate limit of Section 13.8 uses it.
          assert.equal(problem.value.status, 429);
          return;
        }
        const name = problem.value.type.slice(PROBLEM_TYPE_BASE.length) as ProblemName;
        assert.equal(problem.value.type, PROBLEM_TYPE_BASE + name);
        assert.deepEqual(
          { status: problem.value.status, title: problem.value.title },
          PROBLEMS[name],
        );
        assert.equal(name === 'session-expired', problem.value.reason !== undefined);
      } else if (forResource && t.status === 200) {
        assert.match(type, /^application\/json/);
        const json = parseJson(t.body);
        assert.ok(json.ok, t.body);
        assert.deepEqual(parseStatus(json.value), { ok: true, value: json.value });
      }
      if (forResource && (t.requestLine.startsWith('GET ') || t.status >= 400)) {
        // Section 8.8: at most a cookie clearing, on an answer that ended the session.
        const setCookie = t.headers.get('set-cookie');
        if (setCookie !== undefined) {
          assert.match(setCookie, /^[^=]+=;.*Max-Age=0/, 'a Set-Cookie here only clears');
          assert.match(t.body, /"state":"expired","reason":"(idle|absolute)"/);
        }
      }
    });
  }
});

describe('SPEC.md tables agree with protocol/', () => {
  it('lists every problem with the status and title of protocol/problems.ts', () => {
    const rows = [...spec.matchAll(/^\| `([a-z-]+)` +\| (\d{3}) +\| ([^|]+) \|/gm)];
    const listed = new Map(rows.map((m) => [m[1], { status: Number(m[2]), title: m[3]?.trim() }]));
    for (const [name, { status, title }] of Object.entries(PROBLEMS)) {
      assert.deepEqual(listed.get(name), { status, title }, name);
    }
    assert.equal(listed.size, Object.keys(PROBLEMS).length);
  });
  it('states the constants of protocol/constants.ts', () => {
    assert.match(spec, new RegExp(`\\| default resource path +\\| \`${DEFAULT_RESOURCE_PATH}\``));
    assert.match(spec, new RegExp(`\\| maximum duration +\\| \`${MAX_IDLE_SECONDS}\``));
    assert.match(spec, new RegExp(`\\| maximum body size +\\| \`${MAX_BODY_BYTES}\` bytes`));
    assert.match(spec, new RegExp(`\\| problem type base +\\| \`${PROBLEM_TYPE_BASE}\``));
  });
  it('uses the BCP 14 boilerplate and has the sections the issue requires', () => {
    assert.match(spec, /interpreted\s+as described in BCP 14 \[RFC2119\] \[RFC8174\]/);
    for (const heading of [
      '## Abstract',
      '### 1.1. Requirements Language',
      '### 1.2. Terminology',
      '## 7. Cross-Site Request Forgery Defence',
      '## 11. Versioning and Forward Compatibility',
      '## 13. Security Considerations',
      '## 14. Accessibility Considerations',
      '## Appendix A. The django-session-security Wire Format',
      '## Appendix B. JSON Schema (Non-Normative)',
    ]) {
      assert.ok(spec.includes(`\n${heading}\n`), heading);
    }
  });
});
