import { html, nothing, type PropertyDeclarations } from 'lit';
import { AdminExport } from '../exports/export.js';
import { AdminApiError, type ActivityFigures, type CalendarApi } from '../shared/api.js';
import { countCsvRecords } from '../shared/csv-count.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-activity-figures': AdminActivityFigures;
  }
}

const FIGURES = ['activitiesHeld', 'sessionsHeld', 'sessionsCancelled', 'sessionsPlanned', 'participants'] as const;

/**
 * The calendar's figures for an impact report: activities and sessions held and "ik kom"
 * participants for a period (this year so far by default), and the activities as CSV for Excel.
 * Needs the `export` scope; every request is audited by the collector.
 *
 * @summary Activity figures and export.
 * @event bk-downloaded - `detail: {fileName, rows}` after a download started.
 */
export class AdminActivityFigures extends AdminExport {
  static override properties: PropertyDeclarations = {
    ...AdminExport.properties,
    calendarApi: { attribute: false },
    from: { state: true },
    to: { state: true },
    figures: { state: true },
  };

  declare calendarApi: CalendarApi | undefined;
  declare from: string;
  declare to: string;
  declare figures: ActivityFigures | undefined;

  constructor() {
    super();
    const today = new Date().toISOString().slice(0, 10);
    this.from = `${today.slice(0, 4)}-01-01`;
    this.to = today;
  }

  private async run(task: (api: CalendarApi) => Promise<void>) {
    if (!this.calendarApi || this.busy) return;
    this.busy = true;
    this.failed = false;
    this.message = this.l.t('loading');
    try {
      await task(this.calendarApi);
    } catch (error) {
      const err = error as AdminApiError;
      this.failed = true;
      this.message = this.l.t('figuresFailed', { message: err.status === 0 ? this.l.t('networkError') : err.message });
    } finally {
      this.busy = false;
    }
  }

  private show = () =>
    this.run(async (api) => {
      this.figures = await api.activityFigures(this.from, this.to);
      this.message = '';
    });

  private downloadCsv = () =>
    this.run(async (api) => {
      const file = await api.exportActivitiesCsv(this.from, this.to);
      const rows = countCsvRecords(file.text);
      this.save(file);
      this.message = this.l.t('downloaded', { file: file.fileName, count: rows });
      this.dispatchEvent(new CustomEvent('bk-downloaded', { detail: { fileName: file.fileName, rows }, bubbles: true, composed: true }));
    });

  override render() {
    const l = this.l;
    const date = (id: 'from' | 'to', label: 'fromLabel' | 'toLabel') => html`<div class="field">
      <label for="figures-${id}">${l.t(label)}</label>
      <input id="figures-${id}" type="date" .value=${this[id]} @input=${(e: Event) => (this[id] = (e.target as HTMLInputElement).value)} />
    </div>`;
    const f = this.figures;
    return html`<section aria-labelledby="figures-heading">
      <h3 id="figures-heading">${l.t('figuresHeading')}</h3>
      <p class="hint">${l.t('figuresIntro')}</p>
      <div class="grid">${date('from', 'fromLabel')} ${date('to', 'toLabel')}</div>
      <p class="row no-print">
        <button type="button" class="primary show-figures" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.show}>${l.t('showFigures')}</button>
        <button type="button" class="download-activities" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.downloadCsv}>${l.t('downloadActivities')}</button>
      </p>
      ${
        f
          ? html`<dl class="figures">
            ${FIGURES.map((k) => html`<div class="row"><dt>${l.t(`figures.${k}`)}</dt><dd data-figure=${k}>${f[k]}</dd></div>`)}
          </dl>`
          : nothing
      }
      <p class="status" data-tone=${this.failed ? 'error' : 'success'} role="status" aria-live="polite">${this.message}</p>
    </section>`;
  }
}
