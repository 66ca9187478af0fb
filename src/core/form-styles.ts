/**
 * Form pieces the sending widgets share: the notice, check rows, the error summary, the honeypot.
 * Apart from `styles.ts`: a bundler keeps every `css` call of a module it includes, so widgets
 * without a form (the calendar, host-today) would carry these rules unused.
 */
import { css } from 'lit';

/** The honeypot field: out of sight and out of reach, for bots only. */
export const trapStyles = css`
  .trap {
    position: absolute;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
  }
`;

/** Everything above plus the honeypot. */
export const formStyles = css`
  ${trapStyles}
  .notice {
    padding: calc(var(--_space) * 0.75);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
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
`;
