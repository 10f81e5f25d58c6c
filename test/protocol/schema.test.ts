import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import {
  EXPIRY_REASONS,
  makeProblem,
  PROBLEMS,
  type ProblemName,
  parseActivityReport,
  parseJson,
  parseProblem,
  parseStatus,
} from '../../protocol/index.js';

const Ajv2020 = Ajv2020Module.default;
const schemaUrl = new URL('../../../protocol/schema.json', import.meta.url);
const schemaText = readFileSync(schemaUrl, 'utf8');

function compile() {
  const parsed = parseJson(schemaText);
  assert.ok(parsed.ok, 'schema.json is JSON');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addSchema(parsed.value as object);
  const id = (parsed.value as { $id: string }).$id;
  const validator = (name: string) => {
    const validate = ajv.getSchema(`${id}#/$defs/${name}`);
    assert.ok(validate, `$defs/${name} exists`);
    return (value: unknown) => validate(value) === true;
  };
  return { ajv, validator };
}

const { validator } = compile();
const isStatus = validator('SessionStatus');
const isReport = validator('ActivityReport');
const isProblem = validator('Problem');

/** Values as they arrive: parsed from JSON text, so NaN and Infinity cannot occur except 1e309. */
function fromJson(text: string): unknown {
  const parsed = parseJson(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
}

const durations = [
  '0',
  '-0',
  '0.001',
  '2.5',
  '1',
  '1.0',
  '31536000',
  '31536000.5',
  '31536001',
  '-1',
  '-0.001',
  '1e309',
  '-1e309',
  '"5"',
  '"NaN"',
  'null',
  'true',
  '[1]',
  '{}',
];

describe('schema.json', () => {
  it('is draft 2020-12 and compiles in strict mode with every $def the brief names', () => {
    const schema = fromJson(schemaText) as Record<string, unknown>;
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const defs = Object.keys(schema.$defs as object);
    for (const name of ['SessionStatus', 'ActivityReport', 'Problem', 'TestVector']) {
      assert.ok(defs.includes(name), name);
    }
    const { ajv } = compile();
    const id = schema.$id as string;
    for (const name of defs) {
      assert.equal(typeof ajv.getSchema(`${id}#/$defs/${name}`), 'function', name);
    }
  });
});

describe('schema ActivityReport agrees with parseActivityReport', () => {
  const bodies = [
    ...durations.map((d) => `{"idleSeconds":${d}}`),
    '{"idleSeconds":2,"extra":{"a":[1]},"tabId":"x"}',
    '{}',
    '{"idleFor":5}',
    '[]',
    '[{"idleSeconds":1}]',
    '"idleSeconds"',
    '5',
    'null',
    'true',
  ];
  for (const body of bodies) {
    it(body, () => {
      const value = fromJson(body);
      assert.equal(isReport(value), parseActivityReport(value).ok);
    });
  }
  it('accepts and refuses at least one body each (the test can fail)', () => {
    const verdicts = bodies.map((body) => isReport(fromJson(body)));
    assert.ok(verdicts.includes(true) && verdicts.includes(false));
  });
});

describe('schema SessionStatus agrees with parseStatus', () => {
  const base = '"version":1,"state":"active","warnAfterSeconds":5,"expireAfterSeconds":10';
  const statuses = [
    ...durations.map((d) => `{${base},"idleSeconds":${d}}`),
    ...durations.map((d) => `{${base},"idleSeconds":1,"absoluteRemainingSeconds":${d}}`),
    ...durations.map(
      (d) =>
        `{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":${d},"expireAfterSeconds":31536000}`,
    ),
    ...durations.map(
      (d) =>
        `{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":0.001,"expireAfterSeconds":${d}}`,
    ),
    `{${base}}`,
    `{${base},"idleSeconds":1,"reason":"idle","future":[1]}`,
    '{"version":1,"state":"active","idleSeconds":1,"expireAfterSeconds":10}',
    '{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":5}',
    ...EXPIRY_REASONS.map((r) => `{"version":1,"state":"expired","reason":"${r}"}`),
    '{"version":1,"state":"expired","reason":"idle","idleSeconds":-5,"warnAfterSeconds":"x"}',
    '{"version":1,"state":"expired","reason":"timeout"}',
    '{"version":1,"state":"expired","reason":null}',
    '{"version":1,"state":"expired"}',
    '{"version":2,"state":"expired","reason":"idle"}',
    '{"version":"1","state":"expired","reason":"idle"}',
    '{"version":1.0,"state":"expired","reason":"idle"}',
    '{"state":"expired","reason":"idle"}',
    '{"version":1,"state":"ACTIVE","idleSeconds":1,"warnAfterSeconds":5,"expireAfterSeconds":10}',
    '{"version":1,"reason":"idle"}',
    '[]',
    'null',
    '"expired"',
    '1',
  ];
  for (const text of statuses) {
    it(text, () => {
      const value = fromJson(text);
      const parsed = parseStatus(value);
      if (isStatus(value) && !parsed.ok) {
        // The one rule JSON Schema cannot express (see the schema's description).
        assert.equal(parsed.error, 'warnAfterSeconds must be less than expireAfterSeconds');
      } else {
        assert.equal(isStatus(value), parsed.ok);
      }
    });
  }
  it('differs from parseStatus only on warnAfterSeconds >= expireAfterSeconds', () => {
    for (const [warn, expire] of [
      [10, 10],
      [11, 10],
      [31536000, 1],
    ]) {
      const value = fromJson(
        `{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":${warn},"expireAfterSeconds":${expire}}`,
      );
      assert.equal(isStatus(value), true, 'JSON Schema cannot compare two members');
      assert.deepEqual(parseStatus(value), {
        ok: false,
        error: 'warnAfterSeconds must be less than expireAfterSeconds',
      });
    }
  });
});

describe('schema Problem agrees with parseProblem', () => {
  const type = '"type":"https://session-security.dev/problems/invalid-request"';
  const problems = [
    `{${type},"title":"t","status":400}`,
    `{${type},"title":"t","status":400.0}`,
    `{${type},"title":"t","status":4e2,"detail":"d","reason":"idle","instance":"/x"}`,
    `{${type},"title":"t","status":400.5}`,
    `{${type},"title":"t","status":399}`,
    `{${type},"title":"t","status":599}`,
    `{${type},"title":"t","status":600}`,
    `{${type},"title":"t","status":"400"}`,
    `{${type},"title":"t"}`,
    `{${type},"status":400}`,
    '{"title":"t","status":400}',
    '{"type":5,"title":"t","status":400}',
    `{${type},"title":null,"status":400}`,
    `{${type},"title":"t","status":400,"detail":5}`,
    `{${type},"title":"t","status":400,"reason":"bored"}`,
    '[]',
    'null',
  ];
  for (const text of problems) {
    it(text, () => {
      const value = fromJson(text);
      assert.equal(isProblem(value), parseProblem(value).ok);
    });
  }
  it('accepts every problem makeProblem builds', () => {
    for (const name of Object.keys(PROBLEMS) as ProblemName[]) {
      assert.equal(isProblem(makeProblem(name, 'detail', 'idle')), true, name);
    }
  });
});
