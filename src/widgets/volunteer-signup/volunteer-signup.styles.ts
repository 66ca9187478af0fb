import { css } from 'lit';

export const volunteerSignupStyles = css`
  :host {
    --_own-accent: var(--bk-volunteer-signup-accent);
    max-width: var(--bk-volunteer-signup-max-width, 44em);
  }
  h3 {
    font-size: 1.2em;
    margin: 0 0 0.5em;
  }
  h4 {
    margin: 0 0 0.25em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .notice {
    padding: calc(var(--_space) * 0.75);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .cards {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    grid-template-columns: repeat(auto-fill, minmax(min(16em, 100%), 1fr));
  }
  .card,
  .shift,
  .done,
  .summary {
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    color: var(--_surface-text);
    background: var(--_surface-alt);
  }
  dl {
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 0.5em;
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .day {
    margin-block: var(--_space) 0.5em;
  }
  .shifts,
  .own {
    display: grid;
    gap: 0.5em;
  }
  .shift {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0 0.75em;
  }
  .shift label {
    flex: 1 1 14em;
    padding-block: 0.55em;
    font-weight: 400;
  }
  .shift > div {
    flex-basis: 100%;
  }
  .when {
    font-weight: 600;
  }
  .places {
    display: block;
    color: var(--_success);
    font-weight: 600;
  }
  .places.full {
    color: var(--_muted);
  }
  .warn {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
    color: var(--_danger);
  }
  .summary {
    border: 3px solid var(--_danger);
  }
  .field label,
  .field input {
    display: block;
  }
  .trap {
    position: absolute;
    inset-inline-start: -10000px;
  }
  button.link {
    border: 0;
    padding-inline: 0;
    text-decoration: underline;
    background: none;
  }
`;
