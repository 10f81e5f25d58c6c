// Wires the demo's protected pages to the <session-security> element (served as an external file:
// the CSP allows no inline script).
import type { SessionSecurityElement } from 'session-security/element';

const element = document.querySelector<SessionSecurityElement>('session-security');
const logoutForm = document.getElementById('logout-form');

// With JavaScript, "Log out" goes through the element: it ends the session on the server, tells
// every other tab at once, then leaves for /login?reason=logout. Without JavaScript the form
// posts to /logout and the other tabs learn of it at their next server check.
logoutForm?.addEventListener('submit', (event) => {
  if (!element || typeof element.logout !== 'function') return;
  event.preventDefault();
  element.logout().catch(() => {
    (logoutForm as HTMLFormElement).submit();
  });
});
