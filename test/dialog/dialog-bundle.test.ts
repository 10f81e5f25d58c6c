import { expect } from '@open-wc/testing';
import {
  builtInLocales,
  loadStrings,
} from '../../components/session-security-dialog/locale-registry.js';
import { describe, it } from '../support/mocha.js';

// dist/ is built by `npm run build`, which scripts/run-tests.mjs runs before the browser tests.
async function source(path: string): Promise<string> {
  const response = await fetch(path);
  expect(response.status, `${path} (run npm run build first)`).to.equal(200);
  return response.text();
}

describe('session-security-dialog in dist/session-security.js', () => {
  it('holds English and no other language, and loads each other one from its own chunk', async () => {
    const main = await source('/dist/session-security.js');
    expect(main).to.contain('Stay signed in');
    for (const locale of builtInLocales.filter((key) => key !== 'en')) {
      const strings = await loadStrings(locale);
      expect(main, locale).not.to.contain(strings.idleHeading);
      expect(main, locale).to.contain(`import("./locales/${locale}.js")`);
      const chunk = await source(`/dist/locales/${locale}.js`);
      expect(chunk, locale).to.contain(strings.stayButton);
      expect(chunk, `${locale} chunk imports nothing`).not.to.match(/\bimport\b/);
    }
  });
});
