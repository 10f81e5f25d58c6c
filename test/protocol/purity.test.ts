import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const protocolDir = new URL('../../../protocol/', import.meta.url);
const sources = readdirSync(protocolDir)
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, protocolDir), 'utf8') }));

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push(match[1] as string);
  }
  return found;
}

/** Source text with comments and string literals blanked, so only code is searched. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

describe('protocol/ is pure (no Node, no DOM)', () => {
  it('finds the protocol sources', () => {
    assert.ok(sources.some((s) => s.name === 'parse.ts'));
    assert.ok(sources.length >= 7);
  });
  it('the import scanner finds imports of every form (so the check can fail)', () => {
    assert.deepEqual(
      specifiers(
        "import a from 'node:fs';\nimport { b } from \"lit\";\nexport * from './x.js';\nimport 'y';\nawait import('z');",
      ),
      ['node:fs', 'lit', './x.js', 'y', 'z'],
    );
  });
  for (const { name, text } of sources) {
    it(`${name} imports only sibling protocol modules`, () => {
      for (const specifier of specifiers(text)) {
        assert.match(specifier, /^\.\/[a-z-]+\.js$/, `${name} imports ${specifier}`);
      }
    });
    it(`${name} uses no Node or DOM globals`, () => {
      const code = codeOnly(text);
      const globals =
        /\b(?:window|document|navigator|localStorage|sessionStorage|globalThis|process|Buffer|require|__dirname|fetch|XMLHttpRequest|BroadcastChannel|setTimeout|setInterval|TextEncoder|TextDecoder|performance)\b/;
      assert.doesNotMatch(code, globals, name);
    });
  }
});
