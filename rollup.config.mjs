// Bundles the self-registering element, lit included, into one ES module file for
// `<script type="module" src="dist/session-security.js">`. tsc emits the JS first (TypeScript 7
// has no JS API for a rollup plugin), so this bundles build/ output.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const input = 'build/components/session-security/define.js';

export default existsSync(input)
  ? {
      input,
      // A directory, not one file: the dialog's other languages are separate chunks loaded on
      // demand (dist/locales/), so the main file holds English only.
      output: {
        dir: 'dist',
        format: 'es',
        sourcemap: true,
        entryFileNames: 'session-security.js',
        chunkFileNames: 'locales/[name].js',
      },
      plugins: [
        nodeResolve({ exportConditions: ['production'] }),
        terser({ ecma: 2022, module: true, format: { comments: false } }),
      ],
    }
  : { input: 'scripts/empty-bundle.mjs', output: { file: 'dist/.empty.js' } };
