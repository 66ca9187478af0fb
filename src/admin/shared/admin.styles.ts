import { css } from 'lit';
import { baseStyles, tokens } from '../../core/styles.js';

/** Shared by every admin view: buurtkit's tokens and base styles, plus page layout helpers. */
export const adminStyles = [
  tokens,
  baseStyles,
  css`
    :host {
      max-inline-size: 100%;
      overflow-wrap: anywhere;
    }
    h1,
    h2,
    h3 {
      line-height: 1.25;
      margin-block: 0.5em;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      margin-block: 0.75em;
      min-inline-size: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      align-items: center;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
      gap: 0 1em;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0.75em 0;
      padding: 0.5em 1em;
      min-inline-size: 0;
    }
    legend {
      font-weight: 600;
      padding-inline: 0.25em;
    }
    .check {
      display: flex;
      gap: 0.5em;
      align-items: center;
    }
    .check label {
      font-weight: normal;
    }
    /* Radios as the base styles size checkboxes (they style every other input as a text field). */
    input[type='radio'] {
      inline-size: 1.5em;
      block-size: 1.5em;
      min-height: 0;
      margin: 0.6em 0;
      padding: 0;
      accent-color: var(--_accent);
      flex: none;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      font-size: 0.9em;
    }
    .badge.on {
      border-color: var(--_success);
      color: var(--_success);
    }
    [role='alert'] {
      color: var(--_danger);
      font-weight: 600;
    }
    @media print {
      .no-print {
        display: none !important;
      }
    }
  `,
];
