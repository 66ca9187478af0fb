import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { PollResults } from '../../schema/poll-results.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminPoll, IntakeSummary, SectionsApi } from '../shared/api.js';
import { barChart, barChartStyles, type Bar } from '../shared/bar-chart.js';
import { pollAnswerLabel } from './poll-words.js';
import { problemText } from '../exports/exports.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-results': AdminResults;
  }
}

/**
 * Results: a poll's results for a period as bar charts (the answers to its question, and the share
 * that agrees with each statement), the welcome intakes' topic counts, and the impact report for
 * the same period. The report needs the token, so it is fetched and opened as a blob: URL in a new
 * tab (the page's CSP allows exactly the report's hashed style; see admin-page.ts).
 *
 * @summary Results section.
 */
export class AdminResults extends AdminElement {
  static override styles = [adminStyles, barChartStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    polls: { state: true },
    poll: { state: true },
    from: { state: true },
    to: { state: true },
    results: { state: true },
    intakes: { state: true },
    error: { state: true },
    reportUrl: { state: true },
    busy: { state: true },
  };

  declare api: SectionsApi | undefined;
  declare polls: AdminPoll[];
  declare poll: string;
  declare from: string;
  declare to: string;
  declare results: PollResults | undefined;
  declare intakes: IntakeSummary | undefined;
  declare error: string;
  declare reportUrl: string;
  declare busy: boolean;

  constructor() {
    super();
    this.polls = [];
    this.poll = '';
    this.from = '';
    this.to = '';
    this.error = '';
    this.reportUrl = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.reportUrl) URL.revokeObjectURL(this.reportUrl);
  }

  private async attempt(work: () => Promise<void>) {
    this.busy = true;
    try {
      await work();
      this.error = '';
    } catch (error) {
      this.error = this.l.t('resultsFailed', { message: problemText(this.l, error) });
    } finally {
      this.busy = false;
    }
  }

  /** Loads the polls, the first poll's results and the intake summary. */
  async load(): Promise<void> {
    await this.attempt(async () => {
      const [polls, intakes] = await Promise.all([this.api!.listPolls(), this.api!.intakeSummary()]);
      this.polls = polls;
      this.intakes = intakes;
      this.poll ||= polls[0]?.id ?? '';
    });
    if (this.poll) await this.showResults();
  }

  async showResults(): Promise<void> {
    if (!this.api || !this.poll) return;
    await this.attempt(async () => {
      this.results = await this.api!.pollResults(this.poll, this.from || undefined, this.to || undefined);
    });
  }

  async openReport(): Promise<void> {
    if (!this.api) return;
    await this.attempt(async () => {
      const page = await this.api!.reportHtml(this.from || undefined, this.to || undefined);
      if (this.reportUrl) URL.revokeObjectURL(this.reportUrl);
      this.reportUrl = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
      window.open(this.reportUrl, '_blank', 'noopener');
    });
  }

  private barText = (b: Bar) =>
    b.percent === null
      ? `${b.label}: ${b.count}`
      : this.l.t('barText', { label: b.label, count: b.count, percent: this.number(b.percent) });

  private number(n: number) {
    return new Intl.NumberFormat(this.l.lang, { maximumFractionDigits: 1 }).format(n);
  }

  private renderPollResults() {
    const l = this.l;
    const r = this.results;
    if (!r) return '';
    const poll = this.polls.find((p) => p.id === r.pollId);
    const labelOf = (value: string) => pollAnswerLabel(poll, value, (key) => l.t(key));
    return html`<div class="poll-results">
      <p>${l.t('responsesCount', { count: r.n })}</p>
      ${r.n === 0 ? html`<p>${l.t('noAnswers')}</p>` : ''}
      ${
        r.question && r.n
          ? barChart(
              // The question as the visitor read it, and its answers as they saw them.
              poll?.question ?? l.t('questionHeading'),
              r.question.answers.map((a) => ({ label: labelOf(a.value), count: a.count, percent: a.percent })),
              this.barText,
            )
          : ''
      }
      ${
        r.statements.length && r.n
          ? barChart(
              l.t('statementsHeading'),
              r.statements.map((s) => ({ label: s.text, count: s.agree, percent: s.percentAgree, of: s.n })),
              (b) => `${b.label}: ${b.percent === null ? b.count : l.t('agreePercent', { percent: this.number(b.percent), n: b.of ?? 0 })}`,
            )
          : ''
      }
    </div>`;
  }

  private renderIntakes() {
    const l = this.l;
    const s = this.intakes;
    if (!s) return '';
    return html`<section aria-labelledby="intake-heading">
      <h3 id="intake-heading">${l.t('intakeHeading')}</h3>
      <p>${l.t('intakesCount', { count: s.intakes })}</p>
      ${
        s.intakes === 0
          ? html`<p>${l.t('noIntakes')}</p>`
          : s.questions.map((q) => {
              const total = Object.values(q.counts).reduce((a, b) => a + b, 0);
              const bars = Object.entries(q.counts).map(([label, count]) => ({
                label,
                count,
                percent: total ? Math.round((count / total) * 1000) / 10 : null,
              }));
              return barChart(q.label, bars, this.barText);
            })
      }
    </section>`;
  }

  override render() {
    const l = this.l;
    const field = (id: 'from' | 'to', label: string) => html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} type="date" .value=${this[id]} @input=${(e: Event) => (this[id] = (e.target as HTMLInputElement).value)} />
    </div>`;
    return html`
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">${l.t('resultsHeading')}</h2>
        ${this.error ? html`<p role="alert">${this.error}</p>` : ''}
        <fieldset>
          <legend>${l.t('periodLabel')}</legend>
          <div class="grid">${field('from', l.t('fromLabel'))} ${field('to', l.t('toLabel'))}</div>
        </fieldset>
        <section aria-labelledby="poll-heading">
          <h3 id="poll-heading">${l.t('pollResultsHeading')}</h3>
          ${
            this.polls.length
              ? html`<div class="row">
                <div class="field">
                  <label for="poll">${l.t('pollLabel')}</label>
                  <select id="poll" @change=${(e: Event) => (this.poll = (e.target as HTMLSelectElement).value)}>
                    ${this.polls.map((p) => html`<option value=${p.id} ?selected=${p.id === this.poll}>${p.title}</option>`)}
                  </select>
                </div>
                <button type="button" class="show" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.showResults}>${l.t('showResults')}</button>
              </div>`
              : html`<p>${l.t('noPolls')}</p>`
          }
          <div aria-live="polite">${this.renderPollResults()}</div>
        </section>
        ${this.renderIntakes()}
        <section aria-labelledby="report-heading">
          <h3 id="report-heading">${l.t('reportHeading')}</h3>
          <p class="hint">${l.t('reportIntro')}</p>
          <button type="button" class="report" @click=${this.openReport}>${l.t('openReport')}</button>
          ${
            this.reportUrl
              ? html`<p role="status">${l.t('reportOpened')}<a href=${this.reportUrl} target="_blank" rel="noopener">${l.t('reportLink')}</a></p>`
              : ''
          }
        </section>
      </section>
    `;
  }
}
