import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserImport, { type Options as TerserOptions } from '@rollup/plugin-terser';
import { type Plugin, rollup } from 'rollup';

// The plugin's types are CommonJS-style (a `default` member) while Node loads its ES build (the
// function itself): accept both shapes.
const terser = ((terserImport as unknown as { default?: unknown }).default ??
  terserImport) as unknown as (options?: TerserOptions) => Plugin;

/** Bytes of `source` after gzip -9. */
export function gzipBytes(source: string | Uint8Array): number {
  return gzipSync(source, { level: 9 }).byteLength;
}

const LIT_ENTRY_ID = '\0lit-entry';

/** A virtual one-line entry module with the given source (re-exports of lit). */
function litEntry(source: string): Plugin {
  return {
    name: 'lit-entry',
    resolveId: (id) => (id === LIT_ENTRY_ID ? LIT_ENTRY_ID : null),
    load: (id) => (id === LIT_ENTRY_ID ? source : null),
  };
}

// rollup.config.mjs is plain JS: loaded by URL so tsc does not need its types.
// build/bench/ -> repository root.
const ROLLUP_CONFIG_URL = new URL('../../rollup.config.mjs', import.meta.url);

/** The plugins our rollup.config.mjs bundles the element with, or a default like them. */
async function bundlePlugins(): Promise<Plugin[]> {
  const config = (await import(ROLLUP_CONFIG_URL.href)) as { default: { plugins?: Plugin[] } };
  return (
    config.default.plugins ?? [
      nodeResolve({ exportConditions: ['production'] }),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ]
  );
}

/**
 * lit's core (LitElement, html, css) bundled with the very plugins of our rollup.config.mjs
 * (node-resolve with the production condition, terser...), gzip -9 bytes: what an element
 * with lit-html templates costs at least.
 */
export function litCoreGzipBytes(): Promise<number> {
  return litGzipBytes("export { LitElement, html, css } from 'lit';");
}

/**
 * lit's base class without lit-html (ReactiveElement, css), as above: what our two elements
 * cost at least, since they update their shadow DOM by hand.
 */
export function litReactiveElementGzipBytes(): Promise<number> {
  return litGzipBytes("export { ReactiveElement, css } from '@lit/reactive-element';");
}

async function litGzipBytes(source: string): Promise<number> {
  const bundle = await rollup({
    input: LIT_ENTRY_ID,
    plugins: [litEntry(source), ...(await bundlePlugins())],
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
    return gzipBytes(code);
  } finally {
    await bundle.close();
  }
}

/** jQuery 3's minified file (what django-session-security needs on every page), gzip -9 bytes. */
export async function jqueryGzipBytes(): Promise<{ version: string; bytes: number }> {
  const require = createRequire(import.meta.url);
  const packagePath = require.resolve('jquery/package.json');
  const { version } = JSON.parse(await readFile(packagePath, 'utf8')) as { version: string };
  const minified = await readFile(new URL('./dist/jquery.min.js', `file://${packagePath}`));
  return { version, bytes: gzipBytes(minified) };
}

/** The element's bundle as `npm run build` writes it (English; other languages load on demand). */
export async function elementGzipBytes(): Promise<number> {
  const bundle = await readFile(new URL('../../dist/session-security.js', import.meta.url));
  return gzipBytes(bundle);
}
