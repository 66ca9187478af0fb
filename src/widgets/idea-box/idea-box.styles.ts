import { css } from 'lit';

export const ideaBoxStyles = css`
  :host {
    --_accent: var(--bk-idea-box-accent, var(--bk-color-accent, #0a5c7a));
    max-width: var(--bk-idea-box-max-width, 40rem);
  }
  .base > * + * {
    margin-block-start: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
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
  .earlier {
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
  .form > button[type='submit'] {
    justify-self: start;
  }
  .thanks {
    padding: var(--_space);
    border: 2px solid var(--_success);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .thanks-title:focus {
    outline: none;
  }
  .thanks-title:focus-visible {
    outline: var(--_focus-ring);
  }
  .list ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .idea {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_field-text);
  }
  .idea p {
    margin: 0 0 0.5em;
  }
  .idea-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
    font-size: 1.05em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: center;
  }
  .date {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    font-size: 0.9em;
    color: #2d3a45;
    background: #ffffff;
  }
  .badge[data-status='wordt-besproken'] {
    color: #7a4a00;
  }
  .badge[data-status='gepland'] {
    color: #0a4f8a;
  }
  .badge[data-status='gedaan'] {
    color: var(--_success);
  }
  .badge[data-status='niet-mogelijk'] {
    color: #5c5c5c;
  }
  .answer {
    margin-block: 0.5em;
    padding-inline-start: 0.75em;
    border-inline-start: 4px solid var(--_accent);
  }
  .answer-label {
    font-weight: 600;
  }
  .answer-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .vote {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: center;
  }
  .vote button[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
  }
  .vote .count {
    color: var(--_muted);
    font-size: 0.95em;
  }
`;
