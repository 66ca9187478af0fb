import { css } from 'lit';

/** The steps; the result screen's styles come with that screen (`result.styles.ts`). */
export const intakeStyles = css`
  :host {
    --_own-accent: var(--bk-welcome-intake-accent);
    max-width: var(--bk-welcome-intake-max-width, 44em);
  }
  h3,
  h4 {
    margin: 0 0 0.5em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_space);
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .step-title {
    font-size: 1.25em;
  }
  .step-title:focus:not(:focus-visible) {
    outline: none;
  }
  .progress {
    display: block;
    font-size: max(0.8em, var(--_min-font));
    font-weight: 600;
    color: var(--_muted);
  }
  .title {
    display: block;
  }
  .field label,
  legend {
    display: block;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.25em;
  }
  .options {
    display: grid;
    gap: 0.5em;
  }
  .option,
  .card {
    display: flex;
    align-items: center;
    gap: 0.75em;
    min-height: var(--_touch);
    padding: 0.5em 0.75em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_surface-text);
    background: var(--_surface);
    font-weight: 400;
    cursor: pointer;
  }
  .cards .options {
    grid-template-columns: repeat(auto-fill, minmax(min(10em, 100%), 1fr));
  }
  .card {
    flex-direction: column;
    align-items: flex-start;
    min-height: 6.5em;
    padding: 0.75em;
  }
  .card .icon {
    font-size: 1.75em;
    line-height: 1;
  }
  .option:has(input:checked),
  .card:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 2px var(--_accent);
    background: var(--_surface-alt);
  }
  .option input,
  .card input {
    margin: 0;
    inline-size: 1.5em;
    block-size: 1.5em;
    min-height: 0;
    accent-color: var(--_accent);
    flex: none;
  }
  .summary,
  .form-error {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_surface-text);
    background: var(--_surface);
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .nav .primary {
    margin-inline-start: auto;
  }
  @media print {
    .toolbar,
    .nav,
    .status {
      display: none;
    }
  }
`;
