import { css } from 'lit';

/** The detail dialog's own styles; they come with its chunk. */
export const detailStyles = css`
  h4 {
    margin: 0 0 0.25em;
    font-size: 1.15em;
  }
  .detail {
    max-inline-size: min(40em, 100% - 2em);
    padding: var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_surface-text);
    background: var(--_surface);
  }
  .detail::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .detail-body > * + * {
    margin-block-start: 0.75em;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25em 1em;
    margin: 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .description {
    white-space: pre-line;
  }
  .newcomers {
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--_success);
    color: var(--_surface-text);
    background: var(--_surface-alt);
  }
  .add a {
    display: inline-flex;
    align-items: center;
    min-height: var(--_touch);
    padding-inline: 0.5em;
    color: var(--_accent);
    font-weight: 600;
  }
  .add h4 {
    flex-basis: 100%;
  }
  .add {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .detail-title:focus:not(:focus-visible) {
    outline: none;
  }
  .detail-title.is-cancelled {
    text-decoration: line-through;
  }
`;
