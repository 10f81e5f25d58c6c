// The README's reference tables of <session-security> agree with custom-elements.json, which
// `npm run build` generates from the element's JSDoc: every attribute (with its property) and
// every event is in both, and every part and custom property the manifest lists is named in the
// README.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

const ROOT = new URL('../../../', import.meta.url);

interface Manifest {
  modules: {
    declarations?: {
      tagName?: string;
      attributes?: { name: string; fieldName?: string }[];
      events?: { name: string }[];
      cssParts?: { name: string }[];
      cssProperties?: { name: string }[];
    }[];
  }[];
}

async function element() {
  const manifest = JSON.parse(
    await readFile(new URL('custom-elements.json', ROOT), 'utf8'),
  ) as Manifest;
  const found = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'session-security');
  assert.ok(found, 'custom-elements.json declares session-security (run npm run build)');
  return found;
}

/** The rows of the first Markdown table after `heading`, as arrays of cell texts. */
async function tableAfter(heading: string): Promise<string[][]> {
  const readme = await readFile(new URL('README.md', ROOT), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has "${heading}"`);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .replace(/\\\|/g, '/')
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const code = (cell: string | undefined) => /^`([^`]+)`/.exec(cell ?? '')?.[1] ?? null;

describe('README reference of <session-security> and custom-elements.json', () => {
  it('list the same attributes, with the same properties', async () => {
    const manifest = await element();
    const rows = await tableAfter('### Attributes and properties');
    const readme = rows
      .filter((row) => code(row[0]) !== null)
      .map((row) => [code(row[0]), code(row[1])] as const);
    assert.deepEqual(
      readme.map(([attribute]) => attribute).sort(),
      (manifest.attributes ?? []).map((attribute) => attribute.name).sort(),
    );
    for (const [attribute, property] of readme) {
      const inManifest = manifest.attributes?.find((entry) => entry.name === attribute);
      if (inManifest?.fieldName) assert.equal(property, inManifest.fieldName, attribute ?? '');
    }
  });

  it('list the same events', async () => {
    const manifest = await element();
    const rows = await tableAfter('### Events');
    assert.deepEqual(
      rows.map((row) => code(row[0])).sort(),
      (manifest.events ?? []).map((event) => event.name).sort(),
    );
  });

  it('the README names every part and custom property of the manifest', async () => {
    const manifest = await element();
    const readme = await readFile(new URL('README.md', ROOT), 'utf8');
    const styling = readme.slice(readme.indexOf('### Styling and languages'));
    for (const part of manifest.cssParts ?? []) {
      assert.match(styling, new RegExp(`\`${part.name}\``), `part ${part.name}`);
    }
    assert.ok((manifest.cssProperties ?? []).length >= 10);
    for (const property of manifest.cssProperties ?? []) {
      const suffix = property.name.replace('--session-security', '');
      assert.ok(styling.includes(`\`${suffix}\``), `custom property ${property.name}`);
    }
  });

  it('the README tells how to install the package in its first 60 lines', async () => {
    const readme = await readFile(new URL('README.md', ROOT), 'utf8');
    const first = readme.split('\n').slice(0, 60).join('\n');
    assert.match(first, /^npm install session-security$/m);
  });
});
