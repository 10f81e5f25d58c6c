// A second, independent backend for session-security protocol v1 (protocol/SPEC.md), written
// from the specification alone with Express 5 and express-session. It imports nothing from this
// repository: copy it into any Express project.
import { randomBytes } from 'node:crypto';
import express from 'express';
import session from 'express-session';

const PROBLEMS = {
  'invalid-request': [400, 'The request body is not a valid protocol message'],
  'unsupported-media-type': [415, 'The request body must be application/json'],
  'missing-version-header': [403, 'The Session-Security-Version request header is required'],
  'unsupported-version': [400, 'This protocol version is not supported'],
  'cross-site-request': [403, 'Cross-site protocol requests are refused'],
  'method-not-allowed': [405, 'Method not allowed on the protocol resource'],
  'payload-too-large': [413, 'The request body is too large'],
  'session-expired': [401, 'The session has expired'],
};
const MAX_SECONDS = 31_536_000;
const NOTES = {
  idle: 'You were signed out after a period of inactivity.',
  absolute: 'Your session reached its maximum length. Please sign in again.',
  logout: 'You are signed out.',
};

function problem(res, name, detail, reason) {
  const [status, title] = PROBLEMS[name];
  const type = `https://session-security.dev/problems/${name}`;
  // Every problem, the 401 of an ordinary request included, is never cached (SPEC 9.2, 13.3).
  res.status(status).type('application/problem+json').set('Cache-Control', 'no-store');
  res.send(JSON.stringify({ type, title, status, detail, reason }));
}

const expired = (reason) => ({ version: 1, state: 'expired', reason });
const destroy = (req) =>
  new Promise((ok, fail) => req.session.destroy((e) => (e ? fail(e) : ok())));
/**
 * Every logout ends a session this way, the protocol's DELETE and the form alike: the activity
 * record goes first, so a request still in flight that saves the session afterwards is refused
 * on its next use (no record: the session has ended), then the session and its cookie.
 * `Clear-Site-Data: "cache"` drops cached pages and keeps what the user typed in storage.
 */
async function endSession(req, res, activity, cookie) {
  activity.delete(req.sessionID);
  await destroy(req);
  res.clearCookie('sid', cookie);
  res.set('Clear-Site-Data', '"cache"');
}
// API callers get a 401 on expiry; page loads continue as anonymous (and see a login page).
// Accept "lists" text/html when a range is exactly text/html with a weight other than 0.
const listsHtml = (accept) =>
  accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return type === 'text/html' && (q === undefined || Number(q.slice(2)) !== 0);
  });
const isApiRequest = (req) =>
  req.get('sec-fetch-mode') !== undefined
    ? req.get('sec-fetch-mode') !== 'navigate'
    : !listsHtml(req.get('accept') ?? '');
// The server origin as browsers serialize it: lower-case host, no default port.
function ownOrigin(req) {
  try {
    return new URL(`${req.protocol}://${req.get('host')}`).origin;
  } catch {
    return null; // no or bad Host: no Origin can match
  }
}
// Strict UTF-8 (invalid bytes are an error, not U+FFFD); one leading BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true });

// Activity is what this site's user did: no Fetch Metadata, same-origin, typed (none), or a
// link the user clicked on another site. An <img> or a scripted navigation of another site is not.
function isUserActivity(req) {
  const site = req.get('sec-fetch-site');
  if (site === undefined || site === 'same-origin' || site === 'none') return true;
  const dest = req.get('sec-fetch-dest');
  return (
    req.get('sec-fetch-mode') === 'navigate' &&
    req.get('sec-fetch-user') === '?1' &&
    (dest === undefined || dest === 'document')
  );
}

function idleSecondsError(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body must be a JSON object';
  }
  const idle = body.idleSeconds;
  if (typeof idle !== 'number' || !Number.isFinite(idle)) return 'idleSeconds must be a number';
  if (idle < 0 || idle > MAX_SECONDS) return `idleSeconds must be in [0, ${MAX_SECONDS}]`;
  return null;
}

/**
 * Builds the app. Last activity lives in `activity` (session id -> { lastActivityMs,
 * startedAtMs }), not in the session: it is updated in place, so concurrent requests cannot lose
 * an update and a late session save cannot bring an ended session back. The session itself is
 * written only at sign-in and destroyed at logout or expiry.
 */
export function createApp({
  warnAfterSeconds = Number(process.env.WARN_AFTER_SECONDS ?? 540),
  expireAfterSeconds = Number(process.env.EXPIRE_AFTER_SECONDS ?? 600),
  absoluteTimeoutSeconds = Number(process.env.ABSOLUTE_TIMEOUT_SECONDS ?? 0) || null,
  resourcePath = '/session-security',
  passivePaths = [],
  users = { demo: 'demo' },
  secret = process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
  elementScriptFile = null, // served at /session-security.js, e.g. dist/session-security.js
  activity = new Map(),
  beforeSessionSecurity = [], // the app's own middleware, run once the session is loaded
  now = Date.now,
} = {}) {
  if (!(warnAfterSeconds > 0 && expireAfterSeconds > warnAfterSeconds)) {
    throw new Error('timeouts must satisfy 0 < warnAfterSeconds < expireAfterSeconds');
  }
  const app = express();
  const readBody = express.raw({ limit: 1024, type: () => true });
  app.disable('x-powered-by');
  // The resource is P exactly: not /session-security/ nor /Session-Security.
  app.set('strict routing', true);
  app.set('case sensitive routing', true);
  const cookie = { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' };
  app.use(session({ name: 'sid', secret, resave: false, saveUninitialized: false, cookie }));
  if (beforeSessionSecurity.length > 0) app.use(beforeSessionSecurity);

  // Every request: expiry first (idle, then absolute), then activity unless passive.
  app.use(async (req, res, next) => {
    if (req.session.user === undefined) return next();
    const record = activity.get(req.sessionID);
    const nowMs = now();
    const reason = !record
      ? 'no-session'
      : nowMs - record.lastActivityMs >= expireAfterSeconds * 1000
        ? 'idle'
        : absoluteTimeoutSeconds && nowMs - record.startedAtMs >= absoluteTimeoutSeconds * 1000
          ? 'absolute'
          : null;
    if (reason) {
      activity.delete(req.sessionID);
      await destroy(req);
      req.expiredReason = reason;
      if (req.path !== resourcePath && isApiRequest(req)) {
        return problem(res, 'session-expired', `the session ended: ${reason}`, reason);
      }
    } else if (
      req.path !== resourcePath &&
      req.get('session-security-passive') !== '1' &&
      !passivePaths.includes(req.path) &&
      isUserActivity(req)
    ) {
      record.lastActivityMs = Math.max(record.lastActivityMs, nowMs);
    }
    next();
  });

  // The protocol resource: CSRF checks before anything touches the session.
  app.all(
    resourcePath,
    (req, res, next) => {
      res.set('Cache-Control', 'no-store');
      if (!['GET', 'HEAD', 'POST', 'DELETE'].includes(req.method)) {
        res.set('Allow', 'GET, HEAD, POST, DELETE');
        return problem(res, 'method-not-allowed', `${req.method} is not allowed`);
      }
      if (req.method === 'GET' || req.method === 'HEAD') return next();
      const site = req.get('sec-fetch-site');
      const origin = req.get('origin');
      if (
        (site !== undefined && site !== 'same-origin') ||
        (origin !== undefined && origin !== ownOrigin(req))
      ) {
        return problem(res, 'cross-site-request');
      }
      const version = req.get('session-security-version');
      if (version === undefined) return problem(res, 'missing-version-header');
      if (version !== '1') return problem(res, 'unsupported-version', `got version ${version}`);
      if (
        req.method === 'POST' &&
        !/^application\/json\s*(;|$)/i.test(req.get('content-type') ?? '')
      ) {
        return problem(res, 'unsupported-media-type');
      }
      next();
    },
    (req, res, next) => (req.method === 'POST' ? readBody(req, res, next) : next()),
    async (req, res) => {
      const record = req.session?.user === undefined ? undefined : activity.get(req.sessionID);
      if (req.method === 'DELETE') {
        if (!record) return res.json(expired(req.expiredReason ?? 'no-session'));
        await endSession(req, res, activity, cookie);
        return res.json(expired('logout'));
      }
      if (req.method === 'POST') {
        try {
          const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          req.body = JSON.parse(utf8.decode(bytes));
        } catch (error) {
          return problem(res, 'invalid-request', `not UTF-8 JSON: ${error.message}`);
        }
      }
      const error = req.method === 'POST' ? idleSecondsError(req.body) : null;
      if (error) return problem(res, 'invalid-request', error);
      if (!record) return res.json(expired(req.expiredReason ?? 'no-session'));
      const nowMs = now();
      if (req.method === 'POST') {
        const reportedMs = Math.min(nowMs, nowMs - req.body.idleSeconds * 1000);
        record.lastActivityMs = Math.max(record.lastActivityMs, reportedMs);
      }
      const status = {
        version: 1,
        state: 'active',
        idleSeconds: Math.max(0, nowMs - record.lastActivityMs) / 1000,
        warnAfterSeconds,
        expireAfterSeconds,
      };
      if (absoluteTimeoutSeconds) {
        const remainingMs = absoluteTimeoutSeconds * 1000 - (nowMs - record.startedAtMs);
        status.absoluteRemainingSeconds = Math.max(0, remainingMs) / 1000;
      }
      res.json(status);
    },
  );
  app.use(resourcePath, (error, req, res, next) => {
    if (req.path !== '/') return next(error);
    if (error.type === 'entity.too.large') return problem(res, 'payload-too-large');
    if (String(error.type).endsWith('.unsupported')) return problem(res, 'unsupported-media-type');
    problem(res, 'invalid-request', `invalid JSON: ${error.message}`);
  });

  // The application: a login form and one protected page that carries the element.
  const page = (body) =>
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Express example</title>${body}</html>`;
  app.get('/login', (req, res) => {
    const reason = String(req.query.reason);
    const note = Object.hasOwn(NOTES, reason) ? `<p role="status">${NOTES[reason]}</p>` : '';
    res.send(
      page(`<h1>Sign in</h1>${note}<form method="post" action="/login">
      <label>User name <input name="username" autocomplete="username"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button>Sign in</button></form>`),
    );
  });
  app.post('/login', express.urlencoded({ extended: false }), (req, res, next) => {
    const { username, password } = req.body ?? {};
    if (
      typeof username !== 'string' ||
      !Object.hasOwn(users, username) ||
      users[username] !== password
    ) {
      return res
        .status(401)
        .send(
          page('<h1>Sign in</h1><p>Wrong user name or password.</p><a href="/login">Try again</a>'),
        );
    }
    // The old session id ends for good (see endSession) before the new one is made.
    activity.delete(req.sessionID);
    req.session.regenerate((error) => {
      if (error) return next(error);
      req.session.user = username;
      activity.set(req.sessionID, { lastActivityMs: now(), startedAtMs: now() });
      res.redirect(303, '/');
    });
  });
  // The form logout (no JavaScript needed). Cross-site posts are refused like protocol requests.
  app.post('/logout', async (req, res) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (
      (site !== undefined && site !== 'same-origin') ||
      (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`)
    ) {
      return res.status(403).send(page('<h1>Refused</h1><p>Log out from this site.</p>'));
    }
    if (req.session?.user !== undefined) await endSession(req, res, activity, cookie);
    res.redirect(303, '/login?reason=logout');
  });
  if (elementScriptFile)
    app.get('/session-security.js', (_req, res) => res.sendFile(elementScriptFile));
  app.get('/', (req, res) => {
    if (req.session?.user === undefined) {
      return res.redirect(303, req.expiredReason ? `/login?reason=${req.expiredReason}` : '/login');
    }
    res.send(
      page(`<script type="module" src="/session-security.js"></script>
      <h1>Hello, ${req.session.user}</h1><p>This page is protected.</p>
      <form method="post" action="/logout"><button>Log out</button></form>
      <session-security expire-action="redirect" redirect-url="/login?reason={reason}"></session-security>`),
    );
  });
  return app;
}

// `node examples/express/app.js` starts it (PORT, WARN_AFTER_SECONDS, EXPIRE_AFTER_SECONDS, ...).
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, () => console.log(`Express example on http://localhost:${port}/`));
}
