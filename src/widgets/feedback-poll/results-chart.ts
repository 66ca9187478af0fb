/**
 * The results after voting: one row per answer with its numbers in text and an SVG bar beside it
 * (the bar is decorative for screen readers; the text says everything). Loads with the sending
 * part, with its styles (adopted when the part arrives).
 */
import { css, html, svg } from 'lit';

export interface Bar {
  label: string;
  count: number;
  /** 0–100, or null when nobody answered. */
  percent: number | null;
}

export function resultsChart(title: string, total: string, bars: readonly Bar[], format: (bar: Bar) => string) {
  return html`<figure part="results" class="results">
    <figcaption class="results-title">${title} <span class="hint">(${total})</span></figcaption>
    <ul class="results-list">
      ${bars.map(
        (b) =>
          html`<li>${format(b)}<svg class="chart" aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="14">
              ${svg`<rect class="track" x="0" y="0" width="100" height="10"></rect><rect class="bar" x="0" y="0" width=${b.percent ?? 0} height="10"></rect>`}
            </svg></li>`,
      )}
    </ul>
  </figure>`;
}

export const resultsStyles = css`
  .results {
    margin: 0;
  }
  .results-title {
    font-weight: 600;
  }
  .chart {
    display: block;
    margin-block: 0.15em 0.5em;
  }
  .chart .track {
    fill: var(--_surface-alt);
  }
  .chart .bar {
    fill: var(--_accent);
  }
  .results-list {
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }
`;
