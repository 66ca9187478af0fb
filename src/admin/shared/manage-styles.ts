import { css } from 'lit';

/** The manage forms' editable lists (poll options and statements, intake steps and questions). */
export const manageFormStyles = css`
  /* Nested lists and fieldsets (steps, questions, choices) keep their indent small for 360 px. */
  .items {
    list-style: none;
    padding: 0;
    margin: 0.25em 0;
  }
  fieldset fieldset {
    padding-inline: 0.5em;
  }
  .items > li {
    border-block-end: 1px solid var(--_border);
    padding-block: 0.5em;
  }
  .order {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .list > li {
    border-block-end: 1px solid var(--_border);
    padding-block: 0.75em;
  }
  .list {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .list h3 {
    margin: 0;
    font-size: 1.1em;
  }
  .list p {
    margin: 0.25em 0;
  }
`;
