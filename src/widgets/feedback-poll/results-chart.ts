/**
 * The results after voting: an SVG bar chart (decorative for screen readers) and the same numbers
 * as a text list, so nothing is only in the picture.
 */
import { html, svg } from 'lit';

export interface Bar {
  label: string;
  count: number;
  /** 0–100, or null when nobody answered. */
  percent: number | null;
}

const ROW = 28;

export function resultsChart(title: string, total: string, bars: readonly Bar[], format: (bar: Bar) => string) {
  const height = bars.length * ROW;
  return html`<figure part="results" class="results">
    <figcaption class="results-title">${title} <span class="hint">(${total})</span></figcaption>
    <svg class="chart" aria-hidden="true" viewBox="0 0 100 ${height}" preserveAspectRatio="none" width="100%" height=${height}>
      ${bars.map(
        (b, i) =>
          svg`<rect class="track" x="0" y=${i * ROW + 4} width="100" height=${ROW - 8}></rect><rect class="bar" x="0" y=${i * ROW + 4} width=${b.percent ?? 0} height=${ROW - 8}></rect>`,
      )}
    </svg>
    <ul class="results-list">
      ${bars.map((b) => html`<li>${format(b)}</li>`)}
    </ul>
  </figure>`;
}
