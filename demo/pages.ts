import { EXPIRY_REASONS, type ExpiryReason } from 'session-security/protocol';
import { html, type SafeHtml } from './html.js';

/** Why the login page is shown, when the user did not just come to sign in. */
export type SignedOutReason = ExpiryReason;

/** The reasons /login?reason=... accepts (the protocol's); anything else is refused. */
export const SIGNED_OUT_REASONS: readonly SignedOutReason[] = EXPIRY_REASONS;

/** Paths of the demo's static assets. */
export const ASSETS = {
  element: '/assets/session-security.js',
  /** The element's language chunks, beside it as it imports them. */
  localesDirectory: '/assets/locales/',
  /** The leader election of browsers without Web Locks, a chunk the element imports on demand. */
  leaseElection: '/assets/storage-lease-election.js',
  style: '/assets/demo.css',
  icon: '/assets/favicon.svg',
  pageScript: '/assets/demo/page.js',
  draftScript: '/assets/demo/draft.js',
  widgetScript: '/assets/demo/widget.js',
} as const;

/** What the protected pages tell the element. */
export interface ElementSettings {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
}

function formatDuration(seconds: number): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function layout(title: string, body: SafeHtml, scripts: readonly string[] = []): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - session-security demo</title>
<link rel="stylesheet" href="${ASSETS.style}">
<link rel="icon" href="${ASSETS.icon}" type="image/svg+xml">
${scripts.map((src) => html`<script type="module" src="${src}"></script>\n`)}</head>
<body>
${body}
</body>
</html>
`.html;
}

const SIGNED_OUT_MESSAGES: Readonly<
  Record<SignedOutReason, (settings: ElementSettings) => string>
> = {
  idle: (settings) =>
    `You were signed out after ${formatDuration(settings.expireAfterSeconds)} of inactivity.`,
  absolute: () => 'You were signed out because your session reached its maximum length.',
  logout: () => 'You have signed out.',
  'no-session': () => 'Your session has ended. Please sign in again.',
};

/** The sign-in form. */
export function loginPage(options: {
  readonly reason: SignedOutReason | null;
  readonly error: string | null;
  readonly username: string;
  readonly settings: ElementSettings;
}): string {
  const notice = options.reason ? SIGNED_OUT_MESSAGES[options.reason](options.settings) : null;
  return layout(
    'Sign in',
    html`<main class="narrow">
<h1>Sign in</h1>
${notice ? html`<p class="notice" role="status" data-reason="${options.reason}">${notice}</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/login" class="stack">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${options.username}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="hint">Demo credentials: <strong>demo</strong> / <strong>demo</strong>.
You will be signed out after ${formatDuration(options.settings.expireAfterSeconds)} without
activity, in every tab, with a warning ${formatDuration(
      options.settings.expireAfterSeconds - options.settings.warnAfterSeconds,
    )} before.</p>
</main>`,
  );
}

function header(userName: string, current: '/' | '/other'): SafeHtml {
  const link = (path: '/' | '/other', label: string) =>
    path === current
      ? html`<a href="${path}" aria-current="page">${label}</a>`
      : html`<a href="${path}">${label}</a>`;
  return html`<header class="bar">
<nav aria-label="Demo pages">${link('/', 'Home')} ${link('/other', 'Other page')}
<a href="${current}" target="_blank" id="open-tab">Open another tab</a></nav>
<span class="who">Signed in as <strong data-testid="user">${userName}</strong></span>
<form method="post" action="/logout" id="logout-form"><button type="submit" id="logout">Log out</button></form>
</header>`;
}

function sessionElement(settings: ElementSettings): SafeHtml {
  // The server's answers override warn-after/expire-after; they only matter until the first one.
  return html`<session-security warn-after="${settings.warnAfterSeconds}" expire-after="${settings.expireAfterSeconds}"
  expire-action="redirect" redirect-url="/login?reason={reason}" hide-on-expire="main[data-authenticated]"></session-security>`;
}

/** The protected home page: the draft form and the passive polling widget. */
export function homePage(options: {
  readonly userName: string;
  readonly settings: ElementSettings;
  readonly savedDraft: string;
}): string {
  return layout(
    'Home',
    html`${header(options.userName, '/')}
<main data-authenticated>
<h1>Home</h1>
<p>This page is protected. Leave it alone for ${formatDuration(options.settings.warnAfterSeconds)}
and a warning appears in every tab of this site; after
${formatDuration(options.settings.expireAfterSeconds)} every tab goes to the sign-in page.
Moving the mouse or typing in any tab counts as activity for all of them.</p>
<section aria-labelledby="draft-heading">
<h2 id="draft-heading">Draft</h2>
<p>Type something and walk away: just before you are signed out, the page keeps your text in this
tab, and gives it back after you sign in again.</p>
<form method="post" action="/draft" id="draft-form" class="stack">
<label for="draft">Message</label>
<textarea id="draft" name="draft" rows="4">${options.savedDraft}</textarea>
<button type="submit">Save draft</button>
<p id="draft-status" role="status"></p>
</form>
</section>
<section aria-labelledby="widget-heading">
<h2 id="widget-heading">Server clock</h2>
<p>This widget asks the server for the time every few seconds with the
<code>Session-Security-Passive: 1</code> header, so it never keeps the session alive.</p>
<p id="server-clock" data-polls="0">waiting for the first answer</p>
</section>
</main>
${sessionElement(options.settings)}`,
    [ASSETS.element, ASSETS.pageScript, ASSETS.draftScript, ASSETS.widgetScript],
  );
}

/** A second protected page, to open in other tabs. */
export function otherPage(options: {
  readonly userName: string;
  readonly settings: ElementSettings;
}): string {
  return layout(
    'Other page',
    html`${header(options.userName, '/other')}
<main data-authenticated>
<h1>Other page</h1>
<p>Another protected page. Open it in several tabs: activity in any of them keeps all of them
signed in, and signing out in one signs out all.</p>
</main>
${sessionElement(options.settings)}`,
    [ASSETS.element, ASSETS.pageScript],
  );
}

/** A plain error page for refused requests (a 4xx never shows a stack or a default). */
export function errorPage(title: string, message: string): string {
  return layout(
    title,
    html`<main class="narrow"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the demo</a></p></main>`,
  );
}

/** The demo's stylesheet (served as a file: the CSP allows no inline style). */
export const DEMO_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
main.narrow { max-width: 24rem; }
.bar { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: 0.75rem 1rem;
  border-block-end: 1px solid CanvasText; }
.bar nav { display: flex; gap: 1rem; flex: 1; }
.bar form { margin: 0; }
.stack { display: flex; flex-direction: column; gap: 0.5rem; }
.stack button { align-self: flex-start; }
input, textarea, button { font: inherit; padding: 0.4rem 0.6rem; }
button { min-block-size: 2.25rem; cursor: pointer; }
.notice { border-inline-start: 4px solid #1a5fb4; padding: 0.5rem 0.75rem; }
.error { border-inline-start: 4px solid #c01c28; padding: 0.5rem 0.75rem; }
.hint { font-size: 0.9rem; }
`;

/** A padlock, so the browser does not ask for /favicon.ico. */
export const DEMO_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="2" y="7" width="12" height="8" rx="1" fill="#1a5fb4"/><path d="M5 7V5a3 3 0 0 1 6 0v2" stroke="#1a5fb4" stroke-width="2" fill="none"/></svg>`;
