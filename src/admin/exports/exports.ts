import { css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { CsvDelimiterName } from '../../schema/constants.js';
import type { AdminApiError, AdminPoll, AuditLine, SectionsApi } from '../shared/api.js';
import { EXPORT_DATASETS, countRows, exportPath, type ExportDataset, type ExportFormat } from './export-catalog.js';
import { saveFile } from '../shared/save-file.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-exports': AdminExports;
  }
}

/** An error as one line for a coordinator. */
export function problemText(l: { t(key: 'networkError'): string }, error: unknown): string {
  const err = error as AdminApiError;
  return err?.status === 0 ? l.t('networkError') : String(err?.message ?? err);
}

/**
 * One place to download every widget's data: choose what, the file type (CSV with `;` or `,`,
 * XLSX, JSON — as the collector offers each), a period where the collector takes one, and a poll
 * for poll data. Shows how many rows the file had (counted in the file; for XLSX from the audit
 * log), and below it the audit log of exports when the token may read it (`admin`).
 *
 * @summary Exports section.
 * @event bk-downloaded - `detail: {fileName, rows}` after a download started (`rows` null when unknown).
 */
export class AdminExports extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      table {
        border-collapse: collapse;
        inline-size: 100%;
        font-size: 0.95em;
      }
      th,
      td {
        text-align: start;
        padding: 0.25em 0.5em 0.25em 0;
        border-block-end: 1px solid var(--_border);
        vertical-align: top;
      }
      td.num,
      th.num {
        text-align: end;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    canAudit: { type: Boolean, attribute: 'can-audit' },
    datasetId: { state: true },
    format: { state: true },
    delimiter: { state: true },
    from: { state: true },
    to: { state: true },
    poll: { state: true },
    polls: { state: true },
    busy: { state: true },
    message: { state: true },
    failed: { state: true },
    audit: { state: true },
    auditError: { state: true },
  };

  declare api: SectionsApi | undefined;
  declare canAudit: boolean;
  declare datasetId: ExportDataset['id'];
  declare format: ExportFormat;
  declare delimiter: CsvDelimiterName;
  declare from: string;
  declare to: string;
  declare poll: string;
  declare polls: AdminPoll[];
  declare busy: boolean;
  declare message: string;
  declare failed: boolean;
  declare audit: AuditLine[] | undefined;
  declare auditError: string;

  constructor() {
    super();
    this.canAudit = false;
    this.datasetId = 'ideas';
    this.format = 'csv';
    this.delimiter = 'semicolon';
    this.from = '';
    this.to = '';
    this.poll = '';
    this.polls = [];
    this.busy = false;
    this.message = '';
    this.failed = false;
    this.auditError = '';
  }

  private get chosen(): ExportDataset {
    return EXPORT_DATASETS.find((d) => d.id === this.datasetId)!;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) {
      void this.loadPolls();
      if (this.canAudit) void this.loadAudit();
    }
  }

  private async loadPolls() {
    try {
      this.polls = await this.api!.listPolls();
      this.poll ||= this.polls[0]?.id ?? '';
    } catch {
      // Without a token for polls (or an old collector) the poll datasets just have no choice.
      this.polls = [];
    }
  }

  /** Reloads the audit log of exports; resolves with the newest lines. */
  async loadAudit(): Promise<AuditLine[]> {
    if (!this.api || !this.canAudit) return [];
    try {
      this.audit = await this.api.auditLog('export', 50);
      this.auditError = '';
    } catch (error) {
      this.auditError = this.l.t('auditFailed', { message: problemText(this.l, error) });
    }
    return this.audit ?? [];
  }

  private chooseDataset(e: Event) {
    this.datasetId = (e.target as HTMLSelectElement).value as ExportDataset['id'];
    if (!this.chosen.formats.includes(this.format)) this.format = 'csv';
  }

  private async download() {
    const dataset = this.chosen;
    if (!this.api || this.busy) return;
    if ((dataset.poll && !this.poll) || (dataset.periodRequired && !(this.from && this.to))) {
      this.failed = true;
      this.message = dataset.poll && !this.poll ? this.l.t('noPolls') : this.l.t('periodRequiredHint');
      return;
    }
    this.busy = true;
    this.failed = false;
    this.message = this.l.t('downloading');
    try {
      const format = this.format;
      const path = exportPath({ dataset, format, delimiter: this.delimiter, from: this.from, to: this.to, poll: this.poll });
      const file = await this.api.download(path);
      let rows = countRows(format, format === 'xlsx' ? '' : await file.blob.text());
      saveFile(this.renderRoot, file.blob, file.fileName);
      // The collector logged the export with its row count: the figure for files we cannot read.
      const newest = (await this.loadAudit())[0];
      if (rows === null && newest?.rowCount != null) rows = newest.rowCount;
      this.message =
        rows === null
          ? this.l.t('downloadedNoCount', { file: file.fileName })
          : this.l.t('downloaded', { file: file.fileName, count: rows });
      this.dispatchEvent(new CustomEvent('bk-downloaded', { detail: { fileName: file.fileName, rows }, bubbles: true, composed: true }));
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('downloadFailed', { message: problemText(this.l, error) });
    } finally {
      this.busy = false;
    }
  }

  private renderChoice() {
    const l = this.l;
    const d = this.chosen;
    const radio = <V extends string>(name: string, value: V, current: V, label: string, set: (v: V) => void) => html`<div class="check">
      <input type="radio" name=${name} id="${name}-${value}" value=${value} .checked=${current === value} @change=${() => set(value)} />
      <label for="${name}-${value}">${label}</label>
    </div>`;
    return html`
      <div class="field">
        <label for="dataset">${l.t('datasetLabel')}</label>
        <select id="dataset" @change=${this.chooseDataset}>
          ${EXPORT_DATASETS.map((x) => html`<option value=${x.id} ?selected=${x.id === d.id}>${l.t(`dataset.${x.id}` as keyof AdminStrings)}</option>`)}
        </select>
      </div>
      ${
        d.poll
          ? html`<div class="field">
            <label for="poll">${l.t('pollLabel')}</label>
            ${
              this.polls.length
                ? html`<select id="poll" @change=${(e: Event) => (this.poll = (e.target as HTMLSelectElement).value)}>
                  ${this.polls.map((p) => html`<option value=${p.id} ?selected=${p.id === this.poll}>${p.title}</option>`)}
                </select>`
                : html`<p class="hint" id="poll">${l.t('noPolls')}</p>`
            }
          </div>`
          : ''
      }
      <fieldset>
        <legend>${l.t('formatLabel')}</legend>
        ${d.formats.map((f) => radio('format', f, this.format, l.t(`format.${f}` as keyof AdminStrings), (v) => (this.format = v)))}
        ${d.id === 'volunteer-signups' || d.id === 'volunteer-hours' ? html`<p class="hint">${l.t('volunteerWorkbook')}</p>` : ''}
      </fieldset>
      ${
        this.format === 'csv'
          ? html`<fieldset>
            <legend>${l.t('delimiterLabel')}</legend>
            ${radio('delimiter', 'semicolon', this.delimiter, l.t('delimiterSemicolon'), (v) => (this.delimiter = v))}
            ${radio('delimiter', 'comma', this.delimiter, l.t('delimiterComma'), (v) => (this.delimiter = v))}
          </fieldset>`
          : ''
      }
      ${
        d.period
          ? html`<fieldset>
            <legend>${l.t('periodLabel')}</legend>
            <p class="hint" id="period-hint">${l.t(d.periodRequired ? 'periodRequiredHint' : 'periodHint')}</p>
            <div class="grid">
              <div class="field">
                <label for="from">${l.t('fromLabel')}</label>
                <input id="from" type="date" aria-describedby="period-hint" .value=${this.from}
                  @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
              </div>
              <div class="field">
                <label for="to">${l.t('toLabel')}</label>
                <input id="to" type="date" aria-describedby="period-hint" .value=${this.to}
                  @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} />
              </div>
            </div>
          </fieldset>`
          : html`<p class="hint">${l.t('noPeriod')}</p>`
      }
    `;
  }

  private renderAudit() {
    const l = this.l;
    if (!this.canAudit) return '';
    return html`<section aria-labelledby="audit-heading">
      <h3 id="audit-heading">${l.t('auditHeading')}</h3>
      <p class="hint">${l.t('auditIntro')}</p>
      ${this.auditError ? html`<p role="alert">${this.auditError}</p>` : ''}
      ${this.audit && !this.audit.length ? html`<p>${l.t('auditEmpty')}</p>` : ''}
      ${
        this.audit?.length
          ? html`<table>
            <thead>
              <tr>
                <th scope="col">${l.t('auditWhen')}</th>
                <th scope="col">${l.t('auditWho')}</th>
                <th scope="col">${l.t('auditWhat')}</th>
                <th scope="col" class="num">${l.t('auditRows')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.audit.map(
                (e) => html`<tr>
                  <td>${this.formatDate(e.at)}</td>
                  <td><code>${e.actor}</code></td>
                  <td>${e.target ?? e.action}</td>
                  <td class="num">${e.rowCount ?? l.t('none')}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : ''
      }
    </section>`;
  }

  override render() {
    const l = this.l;
    return html`
      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading">${l.t('exportsHeading')}</h2>
        <p class="hint">${l.t('exportsIntro')}</p>
        ${this.renderChoice()}
        <button class="primary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.download}>
          ${l.t('downloadFile')}
        </button>
        <p class="status" data-tone=${this.failed ? 'error' : 'success'} role="status" aria-live="polite">${this.message}</p>
      </section>
      ${this.renderAudit()}
    `;
  }
}
