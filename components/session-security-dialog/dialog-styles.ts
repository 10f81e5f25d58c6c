import { css } from 'lit';

/**
 * The default look: neutral on light and dark pages, every colour overridable through the
 * custom properties documented on SessionSecurityDialogElement. Colour pairs meet WCAG 2.2 AA
 * (text 4.5:1, controls and focus ring 3:1) in both schemes.
 */
export const dialogStyles = css`
  :host {
    display: block;
    --_width: var(--session-security-width, 30rem);
    --_background: var(--session-security-background, #ffffff);
    --_color: var(--session-security-color, #1c1c21);
    --_muted: var(--session-security-muted-color, #4a4a55);
    --_accent: var(--session-security-accent, #1d4ed8);
    --_on-accent: var(--session-security-on-accent, #ffffff);
    --_border: var(--session-security-border-color, #6b6b78);
    --_focus: var(--session-security-focus-color, var(--_accent));
    --_radius: var(--session-security-radius, 0.75rem);
    --_font: var(--session-security-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_backdrop: var(--session-security-backdrop, rgb(15 15 20 / 0.55));
    --_shadow: var(--session-security-shadow, 0 1rem 3rem rgb(0 0 0 / 0.3));
    --_padding: var(--session-security-padding, 1.5rem);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_background: var(--session-security-background, #202127);
      --_color: var(--session-security-color, #f2f2f5);
      --_muted: var(--session-security-muted-color, #c4c4cf);
      --_accent: var(--session-security-accent, #9cbcff);
      --_on-accent: var(--session-security-on-accent, #0b1330);
      --_border: var(--session-security-border-color, #9a9aa8);
      --_backdrop: var(--session-security-backdrop, rgb(0 0 0 / 0.7));
    }
  }
  :host([hidden]) {
    display: none;
  }
  .surface {
    box-sizing: border-box;
    inline-size: min(var(--_width), 100% - 2rem);
    max-inline-size: 100%;
    padding: var(--_padding);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_color);
    font: 1rem/1.5 var(--_font);
    box-shadow: var(--_shadow);
    color-scheme: light dark;
    overflow-wrap: anywhere;
  }
  dialog.surface {
    max-block-size: calc(100% - 2rem);
    overflow: auto;
  }
  dialog::backdrop {
    background: var(--_backdrop);
  }
  .banner {
    position: fixed;
    inset-block-start: 0.5rem;
    inset-inline: 0;
    margin-inline: auto;
    z-index: 2147483647;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  .message ::slotted(*),
  .message p {
    margin: 0 0 0.75rem;
  }
  .countdown {
    margin: 0 0 0.75rem;
    font-weight: 600;
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  .status {
    margin: 0 0 0.75rem;
    color: var(--_muted);
  }
  .status:empty {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    justify-content: flex-start;
    margin-block-start: 1rem;
  }
  button {
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.5rem 1.125rem;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_radius) / 1.5);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .stay {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .logout {
    background: transparent;
    color: var(--_color);
    border-color: var(--_border);
  }
  button:hover {
    text-decoration: underline;
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .surface {
      border: 3px solid CanvasText;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.6);
      forced-color-adjust: none;
    }
    button {
      border: 2px solid ButtonText;
    }
    button:focus-visible {
      outline: 3px solid Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    ::backdrop {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
