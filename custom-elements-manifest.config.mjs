// @custom-elements-manifest/analyzer: custom-elements.json from the JSDoc of the two elements
// (`npm run build` runs it). The package.json `customElements` field is kept by hand.

/**
 * Leaves out what the analyzer finds but users cannot use: attributes of private or protected
 * members (lit's internal reactive state) and the event `type` (the name of the element's
 * dispatch helper's parameter, not an event).
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const hidden = new Set(
            (declaration.members ?? [])
              .filter((member) => member.privacy === 'private' || member.privacy === 'protected')
              .map((member) => member.name),
          );
          declaration.attributes = (declaration.attributes ?? []).filter(
            (attribute) => !hidden.has(attribute.fieldName),
          );
          declaration.events = (declaration.events ?? []).filter((event) =>
            event.name?.startsWith('session-security'),
          );
        }
      }
    },
  };
}

/**
 * Points the manifest at the JavaScript a package user imports (`build/.../*.js`), not at the
 * TypeScript sources it was read from.
 */
function builtPaths() {
  const toBuilt = (path) =>
    typeof path === 'string' && /^components\/.*\.ts$/.test(path)
      ? `build/${path.replace(/\.ts$/, '.js')}`
      : path;
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'path' || key === 'module') node[key] = toBuilt(value);
        else visit(value);
      }
    }
  };
  return {
    name: 'built-paths',
    packageLinkPhase({ customElementsManifest }) {
      visit(customElementsManifest.modules);
    },
  };
}

export default {
  globs: [
    'components/session-security/session-security.ts',
    'components/session-security-dialog/session-security-dialog.ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [publicApiOnly(), builtPaths()],
};
