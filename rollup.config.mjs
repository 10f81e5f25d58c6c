// Bundles the self-registering element (entry bundle.ts), lit included, into one ES module file for
// `<script type="module" src="dist/session-security.js">`. tsc emits the JS first (TypeScript 7
// has no JS API for a rollup plugin), so this bundles build/ output.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const input = 'build/components/session-security/bundle.js';

/**
 * Minifies the CSS of lit's css`...` templates without expressions: comments and layout
 * whitespace go; no rule, selector or value changes (a space is kept wherever CSS needs one).
 */
function minifyCssTemplates() {
  const minify = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-css-templates',
    transform(code) {
      const template = /\bcss ?`([^`$\\]*)`/g;
      if (!template.test(code)) return null;
      return { code: code.replace(template, (_, text) => `css\`${minify(text)}\``), map: null };
    },
  };
}

export default existsSync(input)
  ? {
      input,
      // Lets the legacy chunk import the code it shares with the entry from the entry itself
      // (extra exports), instead of a third, shared chunk.
      preserveEntrySignatures: 'allow-extension',
      // A directory, not one file: the dialog's other languages are separate chunks loaded on
      // demand (dist/locales/), so the main file holds English only; so is the legacy transport.
      output: {
        dir: 'dist',
        format: 'es',
        sourcemap: true,
        entryFileNames: 'session-security.js',
        // The legacy django-session-security transport is a chunk too, outside locales/.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/locales/'))
            ? 'locales/[name].js'
            : '[name].js',
      },
      plugins: [
        nodeResolve({ exportConditions: ['production'] }),
        minifyCssTemplates(),
        terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      ],
    }
  : { input: 'scripts/empty-bundle.mjs', output: { file: 'dist/.empty.js' } };
