import { css } from '@lit/reactive-element';

// Compact on purpose: this sheet ships inside the 10 KB main bundle. Colour pairs meet WCAG 2.2
// AA in both schemes (text 4.5:1, controls and focus ring 3:1); the tests measure them.
// light-dark() picks a pair's colour from the used colour scheme, which `color-scheme: light
// dark` makes follow prefers-color-scheme (one declaration per colour instead of a dark copy).
export const dialogStyles = css`
  :host {
    display: block;
    color-scheme: light dark;
    --_bg: var(--session-security-background, light-dark(#fff, #202127));
    --_fg: var(--session-security-color, light-dark(#1c1c21, #f2f2f5));
    --_accent: var(--session-security-accent, light-dark(#1d4ed8, #9cbcff));
    --_on-accent: var(--session-security-on-accent, light-dark(#fff, #0b1330));
    --_border: var(--session-security-border-color, light-dark(#6b6b78, #9a9aa8));
    --_radius: var(--session-security-radius, 0.75rem);
    --_backdrop: var(
      --session-security-backdrop,
      light-dark(rgb(15 15 20 / 0.55), rgb(0 0 0 / 0.7))
    );
  }
  :host([hidden]) {
    display: none;
  }
  [part~='dialog'] {
    box-sizing: border-box;
    inline-size: min(var(--session-security-width, 30rem), 100% - 2rem);
    max-block-size: calc(100% - 2rem);
    overflow: auto;
    padding: 1.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: 1rem/1.5 var(--session-security-font, system-ui, sans-serif);
    box-shadow: 0 1rem 3rem #0005;
    overflow-wrap: anywhere;
  }
  ::backdrop {
    background: var(--_backdrop);
    forced-color-adjust: none;
  }
  section {
    position: fixed;
    inset: 0.5rem 0 auto;
    margin: auto;
    z-index: 2147483647;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  p,
  ::slotted(p) {
    margin: 0 0 0.75rem;
  }
  p:empty {
    margin: 0;
  }
  [part~='countdown'] {
    font-weight: 600;
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: 1rem;
  }
  button {
    min-block-size: 2.75rem;
    padding: 0.5rem 1.125rem;
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .stay {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:hover {
    text-decoration: underline;
  }
  button:focus-visible {
    outline: 3px solid var(--session-security-focus-color, var(--_accent));
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    [part~='dialog'] {
      border: 3px solid CanvasText;
    }
    button {
      border-color: ButtonText;
    }
    button:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
