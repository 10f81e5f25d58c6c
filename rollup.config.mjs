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
      output: { file: 'dist/session-security.js', format: 'es', sourcemap: true },
      plugins: [
        nodeResolve({ exportConditions: ['production'] }),
        terser({ ecma: 2022, module: true, format: { comments: false } }),
      ],
    }
  : { input: 'scripts/empty-bundle.mjs', output: { file: 'dist/.empty.js' } };
