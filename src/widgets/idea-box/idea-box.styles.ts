import { css } from 'lit';

export const ideaBoxStyles = css`
  :host {
    --_own-accent: var(--bk-idea-box-accent);
    max-width: var(--bk-idea-box-max-width, 40em);
  }
  h3 {
    font-size: 1.15em;
    margin: 0 0 0.5em;
  }
  .intro {
    margin-block-start: 0.5em;
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .field label {
    display: block;
  }
  .counter {
    font-size: max(0.9em, var(--_min-font));
    text-align: end;
  }
  .summary,
  .form-error,
  .earlier,
  .thanks {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_surface-text);
    background: var(--_surface);
  }
  .earlier blockquote {
    margin: 0.5em 0 0;
    white-space: pre-line;
  }
  .form > button {
    justify-self: start;
  }
  .thanks {
    border: 2px solid var(--_success);
  }
  /* Focused from script after sending: a ring only where the browser would show one. */
  .thanks-title:focus:not(:focus-visible) {
    outline: none;
  }
`;
