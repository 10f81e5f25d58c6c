// Server commands for the browser tests (web-test-runner plugin):
// - list-protocol-vectors: the file names in protocol/vectors/, so tests can fetch them;
// - open-page / close-page / page-eval: a second real tab in the same browser context;
// - protocol-server-*: a protocol v1 resource at /test-session-security for those pages,
//   on the rules of build/protocol (one session, real clock, requests logged with their page).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_ENDPOINT = '/test-session-security';

const pages = new Map();
let nextPageId = 1;
let session = null;
let timeouts = { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: null };
const log = [];

async function protocol() {
  return import(new URL('../../build/protocol/index.js', import.meta.url).href);
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** The protocol answer to `ctx` (a Koa context), as the body text. */
async function answerProtocol(ctx) {
  const p = await protocol();
  const now = Date.now();
  const method = ctx.method;
  log.push({ method, atMs: now, referer: ctx.get('referer') });
  const expireIfDue = () => {
    const reason = session ? p.expiryReasonAt(session, timeouts, now) : null;
    if (reason) session = null;
    return reason;
  };
  // Errors are answered as problem bodies (the serve hook always answers 200), which the
  // element's transport rejects as malformed status answers.
  if (method !== 'GET' && ctx.get('session-security-version') !== '1') {
    return p.makeProblem('missing-version-header');
  }
  if (method === 'GET') {
    const reason = expireIfDue();
    if (reason) return p.expiredStatus(reason);
    return session ? p.activeStatus(session, timeouts, now) : p.expiredStatus('no-session');
  }
  if (method === 'POST') {
    const json = p.parseJson(await readBody(ctx.req));
    const report = json.ok ? p.parseActivityReport(json.value) : json;
    if (!report.ok) return p.makeProblem('invalid-request', report.error);
    const reason = expireIfDue();
    if (reason || !session) return p.expiredStatus(reason ?? 'no-session');
    session = {
      ...session,
      lastActivityMs: p.lastActivityAfterReport(session, report.value.idleSeconds, now),
    };
    return p.activeStatus(session, timeouts, now);
  }
  if (method === 'DELETE') {
    const reason = expireIfDue();
    const had = session !== null;
    session = null;
    return p.expiredStatus(reason ?? (had ? 'logout' : 'no-session'));
  }
  return p.makeProblem('method-not-allowed');
}

export function testCommandsPlugin() {
  return {
    name: 'session-security-test-commands',
    async serve(ctx) {
      if (ctx.path === TEST_ENDPOINT) {
        return {
          body: JSON.stringify(await answerProtocol(ctx)),
          type: 'application/json',
          headers: { 'cache-control': 'no-store' },
        };
      }
      // A page load of the second tab counts as activity, like any ordinary request.
      if (ctx.path.endsWith('/second-tab.html') && session) {
        session = { ...session, lastActivityMs: Date.now() };
      }
      return undefined;
    },
    async executeCommand({ command, payload, session: testSession }) {
      if (command === 'list-protocol-vectors') {
        return readdirSync(`${root}/protocol/vectors`).filter((name) => name.endsWith('.json'));
      }
      if (command === 'protocol-server-reset') {
        timeouts = { absoluteTimeoutSeconds: null, ...payload.timeouts };
        const now = Date.now();
        session = payload.signedIn === false ? null : { lastActivityMs: now, startedAtMs: now };
        log.length = 0;
        return true;
      }
      if (command === 'protocol-server-log') return log;
      if (command === 'open-page') {
        if (testSession.browser.type !== 'playwright') throw new Error('needs playwright');
        const opener = testSession.browser.getPage(testSession.id);
        const page = await opener.context().newPage();
        const url = new URL(payload.path, opener.url()).href;
        await page.goto(url);
        const id = nextPageId;
        nextPageId += 1;
        pages.set(id, page);
        return id;
      }
      if (command === 'page-eval') {
        const page = pages.get(payload.id);
        if (!page) throw new Error(`no page ${payload.id}`);
        // The expression comes from our own test files, never from page content.
        // Wrapped: a null or undefined result would read as "command not handled".
        return { value: (await page.evaluate(payload.expression)) ?? null };
      }
      if (command === 'close-page') {
        const page = pages.get(payload.id);
        pages.delete(payload.id);
        await page?.close({ runBeforeUnload: false });
        return true;
      }
      return undefined;
    },
  };
}
