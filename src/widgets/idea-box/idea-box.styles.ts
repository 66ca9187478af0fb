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
  .notice {
    padding: calc(var(--_space) * 0.75);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .field label {
    display: block;
  }
  .field.check {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0 0.75em;
  }
  .field.check label {
    flex: 1 1 12em;
    padding-block: 0.55em;
    font-weight: 400;
  }
  .field.check .error {
    flex-basis: 100%;
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
  textarea {
    resize: vertical;
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
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .summary a {
    color: var(--_danger);
    font-weight: 600;
    display: inline-block;
    padding-block: 0.4em;
  }
  .earlier blockquote {
    margin: 0.5em 0 0;
    white-space: pre-line;
  }
  .trap {
    position: absolute;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
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
