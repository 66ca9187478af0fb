import { css } from 'lit';

/** Styles of the confirmation, the personal link's page and the general form, adopted when they load. */
export const lazyStyles = css`
  a.button {
    display: inline-block;
    padding: 0.6em 1.25em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    color: var(--_accent);
    font-weight: 600;
  }
  .done a {
    overflow-wrap: anywhere;
  }
  .state {
    font-weight: 600;
  }
  .state[data-status='offered'] {
    color: var(--_success);
  }
  .grid {
    display: grid;
    gap: 0.25em;
  }
  .day-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 1em;
  }
  .day-row > span {
    min-width: min(7em, 100%);
    font-weight: 600;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 400;
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
`;
