/**
 * A horizontal bar chart: one row per bar, its label and figures in text with an SVG bar under
 * it. The text is what everyone can read, copy and have read out; the SVG (hidden from screen
 * readers) shows the proportions. Rows stack, so it fits 360 px and large text.
 */
import { css, html, svg, type TemplateResult } from 'lit';

export interface Bar {
  label: string;
  count: number;
  /** 0–100, or null when there is nothing to compare with. */
  percent: number | null;
  /** What the percent is of, when that is not the sum of the bars. */
  of?: number;
}

export const barChartStyles = css`
  figure.chart {
    margin: 0.75em 0;
  }
  figure.chart figcaption {
    font-weight: 600;
  }
  figure.chart ul {
    list-style: none;
    margin: 0.25em 0;
    padding: 0;
  }
  figure.chart li {
    margin-block: 0.4em;
  }
  figure.chart svg {
    display: block;
    inline-size: 100%;
    max-inline-size: 36rem;
    block-size: 0.9em;
  }
  figure.chart .bar {
    fill: var(--_accent);
  }
  figure.chart .track {
    fill: var(--_border);
    opacity: 0.35;
  }
`;

/**
 * @param caption Visible caption of the figure.
 * @param text The line of a bar, e.g. "Eens: 12 (40%)".
 */
export function barChart(caption: string, bars: readonly Bar[], text: (bar: Bar) => string): TemplateResult {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return html`<figure class="chart">
    <figcaption>${caption}</figcaption>
    <ul>
      ${bars.map(
        (b) => html`<li>
          <span class="bar-text">${text(b)}</span>
          <svg viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            ${svg`<rect class="track" x="0" y="0" width="100" height="4"></rect><rect class="bar" x="0" y="0" height="4" width=${(b.count / max) * 100}></rect>`}
          </svg>
        </li>`,
      )}
    </ul>
  </figure>`;
}
