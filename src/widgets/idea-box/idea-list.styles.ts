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
    color: var(--_field-text);
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
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    font-size: 0.9em;
    color: #2d3a45;
    background: #ffffff;
  }
  .badge[data-status='wordt-besproken'] {
    color: #7a4a00;
  }
  .badge[data-status='gepland'] {
    color: #0a4f8a;
  }
  .badge[data-status='gedaan'] {
    color: var(--_success);
  }
  .badge[data-status='niet-mogelijk'] {
    color: #5c5c5c;
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
    font-size: 0.95em;
  }
`;
