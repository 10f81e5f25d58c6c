// Bundles the self-registering element (entry bundle.ts), lit included, into one ES module file for
// `<script type="module" src="dist/session-security.js">`. tsc emits the JS first (TypeScript 7
// has no JS API for a rollup plugin), so this bundles build/ output.
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

/**
 * Shortens the two developer errors of lit's css tag (css-tag.js), thrown only when css`...` is
 * given something other than a css result: this bundle exports neither `css` nor `unsafeCSS`, so
 * no page can reach them. Their long texts cost about 100 B gzip -9 of the main file. A lit
 * release that rewords them fails the build here, so the saving is never lost silently.
 */
function shortenLitCssErrors() {
  const messages = [
    ['"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."', '"lit: CSSResult"'],
    [
      `"Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security."`,
      '"lit: not a css result: "+t',
    ],
  ];
  return {
    name: 'shorten-lit-css-errors',
    transform(code, id) {
      if (!/[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/.test(id)) return null;
      let shortened = code;
      for (const [long, short] of messages) {
        if (!shortened.includes(long)) {
          this.error(
            `lit's css-tag.js no longer has ${long.slice(0, 40)}...: update rollup.config.mjs`,
          );
        }
        shortened = shortened.replace(long, short);
      }
      return { code: shortened, map: null };
    },
  };
}

// The chunks a page loads on demand, each one file with everything it needs: none imports the
// main bundle by name, so a renamed or hashed main file (`session-security.3f9c1a.js`), or one
// loaded with a cache buster (`?v=2`), never makes the browser fetch and run the element's code
// a second time, and legacy mode still loads. They only need to stay beside the main file.
const onDemandChunks = {
  'legacy-transport.js': 'build/components/session-security/core/legacy-transport.js',
  'storage-lease-election.js': 'build/components/session-security/core/storage-lease-election.js',
  'frame-activity.js': 'build/components/session-security/controllers/frame-activity.js',
};

/** Keeps `import('./<chunk>')` of the on-demand chunks as is: they are built on their own. */
function onDemandChunksExternal() {
  return {
    name: 'on-demand-chunks-external',
    resolveDynamicImport(specifier) {
      if (typeof specifier !== 'string') return null;
      const name = specifier.replace(/^\.\//, '');
      return name in onDemandChunks ? { id: `./${name}`, external: 'absolute' } : null;
    },
  };
}

const plugins = () => [
  nodeResolve({ exportConditions: ['production'] }),
  minifyCssTemplates(),
  shortenLitCssErrors(),
  // keep_fargs: false drops unused trailing parameters; nothing here (nor lit) reads a
  // function's `length`. Measured: 11 B (zlib level 9) off the main file.
  // pure_getters: true lets terser treat a property read as free of side effects (inline it,
  // drop it when unused). No getter here or in lit does work a caller relies on by a bare read
  // (lit's own production build is already minified; this changes none of its code). Measured:
  // 21 B off the main file. Not taken, measured too: `unsafe` (33 B, but it turns String(x)
  // into x + "", which throws for a Symbol a custom transport may reject with), passes: 3 and
  // unsafe_math (0 B), unsafe_arrows and unsafe_methods (larger), booleans_as_integers (public
  // booleans would become 0/1), pure_new (drops `new ActivityController(...)`: it registers
  // itself in its constructor).
  terser({
    ecma: 2022,
    module: true,
    compress: { passes: 2, keep_fargs: false, pure_getters: true },
    format: { comments: false },
  }),
];

export default [
  {
    input,
    // A directory, not one file: the dialog's other languages are separate chunks loaded on
    // demand (dist/locales/, self-contained string tables), so the main file holds English
    // only.
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'session-security.js',
      chunkFileNames: 'locales/[name].js',
    },
    plugins: [onDemandChunksExternal(), ...plugins()],
  },
  ...Object.entries(onDemandChunks).map(([file, chunkInput]) => ({
    input: chunkInput,
    output: { file: `dist/${file}`, format: 'es', sourcemap: true },
    plugins: plugins(),
  })),
];
