import { css } from 'lit';

/** Styles of the result screen, adopted when that screen (`result.ts`) loads. */
export const resultStyles = css`
  .result-title:focus:not(:focus-visible) {
    outline: none;
  }
  .result {
    padding: var(--_space);
    border: 2px solid var(--_success);
    border-radius: var(--_radius);
  }
  .activities {
    padding-inline-start: 1.25em;
  }
  .activities li + li {
    margin-block-start: 0.5em;
  }
  @media print {
    .result {
      border: 0;
      padding: 0;
    }
  }
`;
