/**
 * The entry of `dist/session-security.js`: registers the tags and exports nothing, so the bundle
 * carries no code a page cannot reach (bundlers and `session-security/define` get the exports).
 */
import './define.js';
