import { css } from 'lit';

export const activityCalendarStyles = css`
  :host {
    --_own-accent: var(--bk-activity-calendar-accent);
    max-width: var(--bk-activity-calendar-max-width, 60em);
  }
  h3 {
    margin: 0 0 0.25em;
    font-size: 1.15em;
  }
  .open-status {
    font-weight: 600;
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--_accent);
    color: var(--_surface-text);
    background: var(--_surface-alt);
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .views button[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
  }
  /* Forced colours drop backgrounds: the chosen view keeps a system-coloured mark. */
  @media (forced-colors: active) {
    .views button[aria-pressed='true'] {
      color: HighlightText;
      background: Highlight;
      outline: 2px solid CanvasText;
    }
  }
  .notice {
    padding: calc(var(--_space) * 0.75);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .error-notice {
    border-color: var(--_danger);
  }
  .days {
    display: grid;
    /* Not wider than the widget, whatever the longest word at a huge font. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  .day.is-today .day-title {
    color: var(--_accent);
  }
  .hours,
  .events {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .hours li {
    padding: 0.25em 0.5em;
    color: var(--_surface-text);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .hours-label {
    font-weight: 600;
  }
  .event {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    padding-block: 0.35em;
    border-block-end: 1px solid var(--_surface-alt);
  }
  .event-button {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    text-align: start;
    padding: 0.4em 0.5em;
    border: 0;
    color: inherit;
    background: none;
    font-weight: 400;
  }
  .event-time {
    min-width: min(9em, 100%);
    color: var(--_muted);
  }
  .event-title {
    font-weight: 600;
    color: var(--_accent);
    text-decoration: underline;
  }
  .event-meta {
    color: var(--_muted);
    padding-inline-start: 0.5em;
  }
  .is-cancelled .event-title,
  .is-cancelled .event-time,
  .hours .is-cancelled {
    text-decoration: line-through;
  }
  .cancel-note {
    color: var(--_danger);
    font-weight: 600;
    padding-inline-start: 0.5em;
  }

  /* A4 flyer: the list on paper, without buttons, filters or the dialog (the week and month: periods.ts). */
  @media print {
    :host {
      max-width: none;
      color: #000;
      font-size: 11pt;
    }
    .views,
    .filters,
    .status,
    .detail {
      display: none !important;
    }
    .heading {
      font-size: 22pt;
    }
    .event-button {
      padding: 0;
    }
    .event-title {
      color: #000;
      text-decoration: none;
    }
    .view-list .days {
      grid-template-columns: 1fr 1fr;
      gap: 0.5cm;
    }
    .day {
      break-inside: avoid;
    }
  }
`;
