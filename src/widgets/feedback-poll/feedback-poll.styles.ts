import { css } from 'lit';

/**
 * The poll's own styles, over the shared form pieces (`formStyles`: the notice, the honeypot); the
 * results' styles load with them (`results-chart.ts`).
 */

export const feedbackPollStyles = css`
  :host {
    --_own-accent: var(--bk-feedback-poll-accent);
    max-width: var(--bk-feedback-poll-max-width, 40em);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  .stem {
    font-weight: 600;
    font-size: 1.15em;
    margin-block-end: 0.5em;
    padding: 0;
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .answers {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .answer {
    flex: 1 1 6em;
    display: grid;
    justify-items: center;
    gap: 0.15em;
    padding: 0.5em;
    min-height: calc(var(--_touch) * 1.6);
  }
  .answer[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
  }
  .emoji {
    font-size: 2em;
    line-height: 1.1;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4em;
    min-height: var(--_touch);
    padding: 0.2em 0.7em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 400;
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    color: var(--_surface-text);
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .choice input {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .statement + .statement {
    margin-block-start: 0.75em;
  }
  .statement legend {
    font-size: 1em;
  }
  .field label {
    display: block;
  }
  .thanks-title {
    font-size: 1.6em;
    margin: 0;
  }
  :host([mode='kiosk']) .thanks-title {
    font-size: 3em;
  }
  @media (forced-colors: active) {
    .answer[aria-pressed='true'] {
      border-style: double;
      border-width: 4px;
    }
  }
`;
