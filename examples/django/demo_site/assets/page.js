// "Log out" goes through the element when JavaScript runs: it ends the session with DELETE, tells
// every other tab at once, then runs its expiry action (here: /login?reason=logout). Without
// JavaScript, or if that fails, the form posts to /logout.
const element = document.querySelector('session-security');
const logoutForm = document.getElementById('logout-form');

logoutForm?.addEventListener('submit', (event) => {
  if (!element || typeof element.logout !== 'function') return;
  event.preventDefault();
  element.logout().catch(() => logoutForm.submit());
});
