import { css, html, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import {
  hasOriginsApi,
  hasRetentionApi,
  type AdminApiError,
  type ErasureReceipt,
  type PersonFound,
  type SectionsApi,
} from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import { erasedFieldLabels, personFields, type PersonField, type PersonSource } from './privacy-fields.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-privacy': AdminPrivacy;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);

const SOURCES: readonly PersonSource[] = ['ideas', 'volunteerSignups', 'volunteerApplications', 'intakes'];

/**
 * Privacy tasks (scope `admin`): find what is stored about one person by e-mail address or phone
 * number, across the widgets, and erase it on request — personal fields only, or the content too
 * — with a printable receipt. Both lookups and erasures are in the collector's audit log. Below:
 * the retention periods and the purge (`bk-admin-retention`), and the websites allowed to use the
 * widgets (`bk-admin-origins`), when the API has them.
 *
 * @summary Privacy section.
 * @event bk-erased - `detail: ErasureReceipt` after an erasure.
 */
export class AdminPrivacy extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(6rem, max-content) 1fr;
        gap: 0.1em 1em;
        margin: 0.5em 0 1em;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      .record {
        border-block-start: 1px solid var(--_border);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    contact: { state: true },
    found: { state: true },
    includeContent: { state: true },
    confirming: { state: true },
    receipt: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare api: SectionsApi | undefined;
  declare contact: string;
  declare found: PersonFound | undefined;
  declare includeContent: boolean;
  declare confirming: boolean;
  declare receipt: ErasureReceipt | undefined;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.contact = '';
    this.includeContent = false;
    this.confirming = false;
    this.error = '';
    this.busy = false;
  }

  private async run(work: () => Promise<void>) {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await work();
    } catch (error) {
      const err = error as AdminApiError;
      this.error = this.l.t('privacyFailed', {
        message: err.status === 422 ? (err.issues[0]?.message ?? err.message) : problemText(this.l, err),
      });
    } finally {
      this.busy = false;
    }
  }

  private find(e: Event) {
    e.preventDefault();
    if (!this.contact.trim()) {
      this.error = this.l.t('required');
      this.renderRoot.querySelector<HTMLInputElement>('#contact')?.focus();
      return;
    }
    void this.run(async () => {
      this.receipt = undefined;
      this.confirming = false;
      this.found = await this.api!.findPerson(this.contact.trim());
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#found-heading')?.focus();
    });
  }

  private erase() {
    void this.run(async () => {
      this.receipt = await this.api!.erasePerson(this.contact.trim(), this.includeContent);
      this.found = undefined;
      this.confirming = false;
      this.dispatchEvent(new CustomEvent('bk-erased', { detail: this.receipt, bubbles: true, composed: true }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#receipt-heading')?.focus();
    });
  }

  private async askConfirm(on: boolean) {
    this.confirming = on;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(on ? '.confirm-no' : '.erase')?.focus();
  }

  /** A string of the admin tables by a key made at run time. */
  private t(key: string): string {
    return this.l.t(key as keyof AdminStrings);
  }

  /** A found value as the coordinator reads it: dates in the page's language, words for codes. */
  private valueText(f: PersonField): string {
    const v = f.value;
    if (f.kind === 'date') return this.formatDate(String(v));
    if (f.kind === 'yesNo') return this.l.t(v ? 'yes' : 'no');
    if (f.kind === 'list') return Array.isArray(v) ? v.join(', ') : String(v);
    if (f.kind.startsWith('word:')) {
      const key = `${f.kind.slice(5)}.${String(v)}`;
      return this.l.has(key) ? this.t(key) : String(v);
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  private renderFound(found: PersonFound) {
    const l = this.l;
    const total = SOURCES.reduce((n, s) => n + (found.matched[s] ?? 0), 0);
    return html`<section aria-labelledby="found-heading">
      <h3 id="found-heading" tabindex="-1">${l.t('foundHeading')}</h3>
      ${
        total === 0
          ? html`<p>${l.t('foundNothing')}</p>`
          : html`
            ${SOURCES.filter((s) => found[s].length).map(
              (s) => html`<h4>${l.t(`source.${s}` as keyof AdminStrings)} (${found[s].length})</h4>
                ${found[s].map(
                  (record) => html`<dl class="record">
                    ${personFields(s, record as Record<string, unknown>).map((f) => html`<dt>${this.t(f.label)}</dt><dd dir="auto">${this.valueText(f)}</dd>`)}
                  </dl>`,
                )}`,
            )}
            <div class="check no-print">
              <input type="checkbox" id="content" .checked=${this.includeContent}
                @change=${(e: Event) => (this.includeContent = (e.target as HTMLInputElement).checked)} />
              <label for="content">${l.t('includeContent')}</label>
            </div>
            ${
              this.confirming
                ? html`<div role="group" aria-labelledby="confirm-text" class="no-print">
                  <p id="confirm-text"><strong>${l.t('confirmErase')}</strong></p>
                  <div class="row">
                    <button type="button" class="danger confirm-yes" @click=${this.erase}>${l.t('confirmEraseYes')}</button>
                    <button type="button" class="confirm-no" @click=${() => this.askConfirm(false)}>${l.t('confirmNo')}</button>
                  </div>
                </div>`
                : html`<button type="button" class="erase no-print" @click=${() => this.askConfirm(true)}>${l.t('erase')}</button>`
            }
          `
      }
    </section>`;
  }

  private renderReceipt(r: ErasureReceipt) {
    const l = this.l;
    return html`<section aria-labelledby="receipt-heading" class="receipt">
      <h3 id="receipt-heading" tabindex="-1">${l.t('receiptHeading')}</h3>
      <dl>
        <dt>${l.t('receiptId')}</dt>
        <dd><code>${r.receiptId}</code></dd>
        <dt>${l.t('receiptAt')}</dt>
        <dd>${this.formatDate(r.erasedAt)}</dd>
        ${SOURCES.map((s) => html`<dt>${l.t(`source.${s}` as keyof AdminStrings)}</dt><dd>${r.matched[s] ?? 0}</dd>`)}
        <dt>${l.t('receiptFields')}</dt>
        <dd>
          ${
            r.removedFields.length
              ? erasedFieldLabels(r.removedFields).map(
                  ([source, labels]) =>
                    html`<div>${l.t(`source.${source}` as keyof AdminStrings)}: ${labels.map((k) => lowerFirst(this.t(k))).join(', ')}</div>`,
                )
              : l.t('none')
          }
        </dd>
      </dl>
      <button type="button" class="no-print" @click=${() => window.print()}>${l.t('receiptPrint')}</button>
    </section>`;
  }

  override render() {
    const l = this.l;
    return html`
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">${l.t('privacyHeading')}</h2>
        <p class="hint no-print">${l.t('privacyIntro')}</p>
        <form class="no-print" @submit=${this.find} novalidate>
          <div class="field">
            <label for="contact">${l.t('contactLabel')}</label>
            <input id="contact" type="text" autocomplete="off" .value=${this.contact}
              aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'privacy-error' : ''}
              @input=${(e: Event) => (this.contact = (e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? l.t('finding') : l.t('find')}</button>
        </form>
        ${this.error ? html`<p role="alert" id="privacy-error">${this.error}</p>` : ''}
        ${this.found ? this.renderFound(this.found) : ''}
        ${this.receipt ? this.renderReceipt(this.receipt) : ''}
      </section>
      ${hasRetentionApi(this.api) ? html`<bk-admin-retention .api=${this.api}></bk-admin-retention>` : ''}
      ${hasOriginsApi(this.api) ? html`<bk-admin-origins .api=${this.api}></bk-admin-origins>` : ''}
    `;
  }
}
