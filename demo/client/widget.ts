// The server clock widget on the home page: polls the server every few seconds as a PASSIVE
// request, so an open page that refreshes itself never keeps an idle user signed in.

const POLL_INTERVAL_MS = 3_000;

const output = document.getElementById('server-clock');

interface SessionView {
  readonly state?: string;
  readonly deadlineMs?: number;
}

/**
 * Near or past the session's end, the `<session-security>` element asks the server itself; a
 * poll then could end the session first and leave the element only "no session" to report,
 * instead of "signed out for inactivity". Also nothing on screen needs refreshing then.
 */
function sessionNearItsEnd(): boolean {
  const element = document.querySelector('session-security') as SessionView | null;
  if (!element || typeof element.deadlineMs !== 'number' || element.deadlineMs <= 0) return false;
  return element.state !== 'active' || Date.now() >= element.deadlineMs - POLL_INTERVAL_MS;
}

async function poll(): Promise<void> {
  if (!output) return;
  if (sessionNearItsEnd()) {
    setTimeout(poll, POLL_INTERVAL_MS);
    return;
  }
  const polls = Number(output.dataset.polls ?? '0') + 1;
  output.dataset.polls = String(polls);
  try {
    const response = await fetch('/api/server-time', {
      headers: { 'Session-Security-Passive': '1', Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 401) {
      output.textContent = 'signed out: the server no longer answers this page';
      output.dataset.state = 'signed-out';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { nowMs?: unknown };
    if (typeof body.nowMs !== 'number') throw new Error('unexpected answer');
    output.textContent = `server time ${new Date(body.nowMs).toLocaleTimeString()} (poll ${polls})`;
    output.dataset.state = 'ok';
  } catch (error) {
    output.textContent = `server unreachable (${(error as Error).message})`;
    output.dataset.state = 'error';
  }
  setTimeout(poll, POLL_INTERVAL_MS);
}

void poll();
