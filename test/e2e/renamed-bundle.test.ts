// dist/session-security.js served under another name, as static-file pipelines do: a hashed file
// name with nothing under the original name (Django's ManifestStaticFilesStorage, Rails digests),
// a cache buster (`?v=abc`), and a CDN-like versioned path. Every on-demand chunk (a language,
// legacy mode, the election of browsers without Web Locks) must load from beside the file, and
// the element's code must run once: a chunk that imported `./session-security.js` by name would
// load the bundle a second time (or fail to load where only the hashed name exists).
import { describeRenamedBundle } from './support/renamed-bundle.js';

describeRenamedBundle(
  'dist/session-security.js renamed, hashed or on a CDN-like path',
  async () => new URL('../../../dist/', import.meta.url),
);
