import { html, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { CsvDelimiterName } from '../../schema/constants.js';
import type { AdminApi, AdminApiError, CsvFile } from '../shared/api.js';
import { countCsvRecords } from '../shared/csv-count.js';
import { saveFile } from '../shared/save-file.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-downloaded': CustomEvent<{ fileName: string; rows: number }>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-export': AdminExport;
  }
}

/**
 * Download the ideas as CSV (`;` for Dutch Excel by default, `,` on request): fetched with the
 * token, saved through a Blob link, and how many rows it had shown.
 *
 * @summary Ideas export.
 * @event bk-downloaded - `detail: {fileName, rows}` after a download started.
 */
export class AdminExport extends AdminElement {
  static override styles = adminStyles;
  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    delimiter: { state: true },
    busy: { state: true },
    message: { state: true },
    failed: { state: true },
  };

  declare api: AdminApi | undefined;
  declare delimiter: CsvDelimiterName;
  declare busy: boolean;
  declare message: string;
  declare failed: boolean;

  constructor() {
    super();
    this.delimiter = 'semicolon';
    this.busy = false;
    this.message = '';
    this.failed = false;
  }

  /** Saves the file through a temporary Blob link (the token cannot ride on a plain link). */
  protected save(file: CsvFile): void {
    saveFile(this.renderRoot, file.blob, file.fileName);
  }

  private async download() {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.failed = false;
    this.message = this.l.t('downloading');
    try {
      const file = await this.api.exportIdeasCsv(this.delimiter);
      const rows = countCsvRecords(file.text);
      this.save(file);
      this.message = this.l.t('downloaded', { file: file.fileName, count: rows });
      this.dispatchEvent(new CustomEvent('bk-downloaded', { detail: { fileName: file.fileName, rows }, bubbles: true, composed: true }));
    } catch (error) {
      const err = error as AdminApiError;
      this.failed = true;
      this.message = this.l.t('downloadFailed', { message: err.status === 0 ? this.l.t('networkError') : err.message });
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.l;
    const option = (value: CsvDelimiterName, label: string) => html`<div class="check">
      <input type="radio" name="delimiter" id="delimiter-${value}" value=${value} .checked=${this.delimiter === value}
        @change=${() => (this.delimiter = value)} />
      <label for="delimiter-${value}">${label}</label>
    </div>`;
    return html`
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">${l.t('exportHeading')}</h2>
        <p class="hint">${l.t('exportIntro')}</p>
        <fieldset>
          <legend>${l.t('delimiterLabel')}</legend>
          ${option('semicolon', l.t('delimiterSemicolon'))} ${option('comma', l.t('delimiterComma'))}
        </fieldset>
        <button class="primary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.download}>
          ${l.t('download')}
        </button>
        <p class="status" data-tone=${this.failed ? 'error' : 'success'} role="status" aria-live="polite">${this.message}</p>
      </section>
    `;
  }
}
