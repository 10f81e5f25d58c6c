// The draft form on the home page: just before the session ends, keep the unsaved text in this
// tab (sessionStorage: gone when the tab closes, never shared with other tabs or sent anywhere),
// and give it back after the next sign-in in the same tab.
const STORAGE_KEY = 'session-security-demo:unsaved-draft';

const textarea = document.getElementById('draft') as HTMLTextAreaElement | null;
const status = document.getElementById('draft-status');

function keepUnsavedDraft(event: Event): void {
  const { reason } = (event as CustomEvent<{ readonly reason: string }>).detail;
  if (!textarea || reason === 'logout') return;
  if (textarea.value !== textarea.defaultValue) {
    sessionStorage.setItem(STORAGE_KEY, textarea.value);
  }
}

function restoreDraft(): void {
  const kept = sessionStorage.getItem(STORAGE_KEY);
  if (!textarea || kept === null) return;
  sessionStorage.removeItem(STORAGE_KEY);
  textarea.value = kept;
  if (status) status.textContent = 'Your unsaved draft from before you were signed out is back.';
}

document.addEventListener('session-security-before-expire', keepUnsavedDraft);
restoreDraft();
