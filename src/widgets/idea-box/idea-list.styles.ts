import { css } from 'lit';

/** Styles of the public idea list; adopted by the widget's shadow root when the list loads. */
export const listStyles = css`
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
    color: var(--_surface-text);
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
    font-size: max(0.9em, var(--_min-font));
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    font-size: max(0.9em, var(--_min-font));
    color: var(--_status, var(--_surface-text));
    background: var(--_surface);
  }
  .badge[data-status='wordt-besproken'] {
    --_status: #7a4a00;
  }
  .badge[data-status='gepland'] {
    --_status: #0a4f8a;
  }
  .badge[data-status='gedaan'] {
    --_status: var(--_success);
  }
  .badge[data-status='niet-mogelijk'] {
    --_status: #5c5c5c;
  }
  /* The status colours of the dark set, light enough on its surfaces. */
  :host(:state(dark)) .badge[data-status='wordt-besproken'] {
    --_status: #f2c27a;
  }
  :host(:state(dark)) .badge[data-status='gepland'] {
    --_status: #a8cdf5;
  }
  :host(:state(dark)) .badge[data-status='niet-mogelijk'] {
    --_status: #c4c4c4;
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
  }
`;
