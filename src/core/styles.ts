import { css } from 'lit';

/**
 * Design tokens, two tiers. Global tokens (`--bk-color-accent`, `--bk-radius`, `--bk-space`,
 * `--bk-focus-ring`, …) are set by the website owner on any ancestor and inherit into every
 * widget; each widget maps them to private `--_*` properties, which its own accent property
 * (e.g. `--bk-idea-box-accent`, through `--_own-accent`) may override.
 *
 * Two colour sets: light (the default) and dark. A widget is dark when it says `theme="dark"`,
 * or, without a `theme`, when the text it inherits from the page is light (`theme.ts` sets the
 * `dark` custom state): a dark page, `color-scheme: dark`, or a site's own dark mode. Every
 * surface a widget paints (cards, panels, dialogs, fields) carries its own text colour, so no
 * host text colour ends up on a widget's background. Both sets meet WCAG AA on the page behind
 * them and on the widget's surfaces.
 *
 * Sizes follow the host's font but never drop below `--bk-min-font-size` (16 px), and widths are
 * in `em` of that size, so a theme's `html{font-size:62.5%}` cannot shrink text or layout.
 * Only Lit `css`: no inline style strings, so widgets work under a strict CSP.
 */
const darkSet = css`
  color-scheme: dark;
  --_accent: var(--_own-accent, var(--bk-color-accent, #8ccfe8));
  --_accent-text: var(--bk-color-accent-text, #0b1d24);
  --_surface-text: var(--bk-color-surface-text, #f2f2f2);
  --_muted: var(--bk-color-muted, #c8cdd0);
  --_border: var(--bk-color-border, #8a9499);
  --_surface: var(--bk-color-surface, #1f2427);
  --_surface-alt: var(--bk-color-surface-alt, #2b3236);
  --_field: var(--bk-color-field, #15191b);
  --_field-text: var(--bk-color-field-text, #f2f2f2);
  --_danger: var(--bk-color-danger, #ff9c9c);
  --_success: var(--bk-color-success, #7fd89e);
  --_focus-ring: var(--bk-focus-ring, 3px solid #9ec5ff);
`;

export const tokens = css`
  :host {
    color-scheme: light;
    --_accent: var(--_own-accent, var(--bk-color-accent, #0a5c7a));
    --_accent-text: var(--bk-color-accent-text, #ffffff);
    --_text: var(--bk-color-text, inherit);
    --_surface-text: var(--bk-color-surface-text, #1a1a1a);
    --_muted: var(--bk-color-muted, #4a4a4a);
    --_border: var(--bk-color-border, #6b6b6b);
    --_surface: var(--bk-color-surface, #ffffff);
    --_surface-alt: var(--bk-color-surface-alt, #f3f5f6);
    --_field: var(--bk-color-field, #ffffff);
    --_field-text: var(--bk-color-field-text, #1a1a1a);
    --_danger: var(--bk-color-danger, #a4161a);
    --_success: var(--bk-color-success, #1b6b36);
    --_radius: var(--bk-radius, 0.5em);
    --_space: var(--bk-space, 1em);
    --_focus-ring: var(--bk-focus-ring, 3px solid #1a56db);
    --_touch: var(--bk-touch-target, 44px);
    --_min-font: var(--bk-min-font-size, 16px);
  }
  /* Set by theme.ts, from theme="dark" or from the page's text colour. */
  :host(:state(dark)) {
    ${darkSet}
  }
`;

/** Base styles every widget shares: inherit the host's font, big touch targets, visible focus. */
export const baseStyles = css`
  :host {
    display: block;
    color: var(--_text);
    font-size: max(var(--_min-font), 1em);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    min-height: var(--_touch);
  }
  label {
    font-weight: 600;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    width: 100%;
    padding: 0.5em 0.75em;
    color: var(--_field-text);
    background: var(--_field);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[type='checkbox'] {
    inline-size: 1.5em;
    block-size: 1.5em;
    min-height: 0;
    margin: 0.6em 0;
    accent-color: var(--_accent);
    flex: none;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  button {
    cursor: pointer;
    min-width: var(--_touch);
    padding: 0.5em 1.25em;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    color: var(--_accent);
    background: var(--_surface);
    font-weight: 600;
  }
  button.primary {
    color: var(--_accent-text);
    background: var(--_accent);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  .hint {
    margin: 0.25em 0;
    color: var(--_muted);
  }
  .error {
    margin: 0.25em 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .status:empty {
    /* Keep the live region in the tree even when silent, or the next message is not announced. */
    margin: 0;
  }
  .status[data-tone='error'] {
    color: var(--_danger);
  }
  .status[data-tone='success'] {
    color: var(--_success);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Widgets do not animate; should a theme add motion, visitors who ask for less get none. */
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
  }
`;

/** The layout every widget shares: a stack of blocks under one heading. */
export const widgetLayout = css`
  .base > * + * {
    margin-block-start: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
  }
`;
