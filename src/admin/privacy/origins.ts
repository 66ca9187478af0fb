import { html, nothing, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, OriginsApi } from '../shared/api.js';
import { problemText } from '../exports/exports.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-origins': AdminOrigins;
  }
}

/**
 * The websites allowed to use the site's widgets (scope `admin`, part of the privacy section):
 * one address per line, saved as the collector's allowed origins. The same list that
 * `buurtkit-collector site update <slug> --add-origin …` edits; a widget on a website that is not
 * listed says "not connected yet".
 *
 * @summary Allowed websites.
 */
export class AdminOrigins extends AdminElement {
  static override styles = [adminStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    text: { state: true },
    saved: { state: true },
    message: { state: true },
    failed: { state: true },
    busy: { state: true },
  };

  declare api: OriginsApi | undefined;
  /** The addresses as typed, one per line. */
  declare text: string;
  /** The list the collector has. */
  declare saved: string[] | undefined;
  declare message: string;
  declare failed: boolean;
  declare busy: boolean;
  private loadedFrom: OriginsApi | undefined;

  constructor() {
    super();
    this.text = '';
    this.message = '';
    this.failed = false;
    this.busy = false;
  }

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFrom) {
      this.loadedFrom = this.api;
      void this.run(async () => this.show(await this.api!.origins()));
    }
  }

  private show(origins: string[]) {
    this.saved = origins;
    this.text = origins.join('\n');
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    if (!this.api || this.busy) return false;
    this.busy = true;
    this.failed = false;
    this.message = '';
    try {
      await work();
      return true;
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('privacyFailed', { message: problemText(this.l, error as AdminApiError) });
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const origins = this.text.split(/\s+/).filter(Boolean);
    if (await this.run(async () => this.show(await this.api!.saveOrigins(origins)))) this.message = this.l.t('originsSaved');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#origins-status')?.focus();
  }

  protected override render() {
    const l = this.l;
    return html`<section aria-labelledby="origins-heading">
      <h3 id="origins-heading">${l.t('originsHeading')}</h3>
      <p>${l.t('originsIntro')}</p>
      ${this.saved && !this.saved.length ? html`<p class="hint">${l.t('originsNone')}</p>` : nothing}
      <form @submit=${this.save} novalidate>
        <div class="field">
          <label for="origins">${l.t('originsLabel')}</label>
          <p class="hint" id="origins-hint">${l.t('originsHint')}</p>
          <textarea id="origins" rows="4" dir="ltr" spellcheck="false" autocomplete="off" aria-describedby="origins-hint"
            aria-invalid=${this.failed ? 'true' : 'false'} .value=${this.text}
            @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="row"><button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${l.t('save')}</button></div>
      </form>
      <p id="origins-status" tabindex="-1" role="status" class=${this.failed ? 'error' : ''}>${this.message}</p>
    </section>`;
  }
}
