import { css } from 'lit';

export const ideaBoxStyles = css`
  :host {
    --_accent: var(--bk-idea-box-accent, var(--bk-color-accent, #0a5c7a));
    max-width: var(--bk-idea-box-max-width, 40rem);
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
    font-size: 0.9em;
    text-align: end;
  }
  .summary,
  .form-error,
  .earlier,
  .thanks {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
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
