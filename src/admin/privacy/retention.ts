import { css, html, nothing, type PropertyDeclarations } from 'lit';
import type { RetentionSettings } from '../../schema/constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, PurgeLine, RetentionApi, RetentionInfo } from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-retention': AdminRetention;
  }
}

type Key = keyof RetentionSettings;

/**
 * Retention (scope `admin`, part of the privacy section): per kind of data what is removed and
 * after how many months, changeable within the collector's bounds; what a purge would remove now
 * (a dry run), and running it. The collector removes due data daily anyway; this shows it and
 * lets a coordinator do it at once after shortening a period.
 *
 * @summary Retention settings.
 */
export class AdminRetention extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      .purge-lines {
        list-style: none;
        padding: 0;
      }
      .purge-lines li {
        border-block-end: 1px solid var(--_border);
        padding-block: 0.5em;
      }
      .count {
        font-weight: 600;
      }
      .months {
        max-inline-size: 8rem;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    info: { state: true },
    months: { state: true },
    issues: { state: true },
    message: { state: true },
    failed: { state: true },
    busy: { state: true },
    lines: { state: true },
    purged: { state: true },
    confirming: { state: true },
  };

  declare api: RetentionApi | undefined;
  declare info: RetentionInfo | undefined;
  /** The periods as typed. */
  declare months: Record<Key, string>;
  declare issues: Partial<Record<Key, string>>;
  declare message: string;
  declare failed: boolean;
  declare busy: boolean;
  /** The last purge answer: a dry run unless `purged`. */
  declare lines: PurgeLine[] | undefined;
  declare purged: boolean;
  declare confirming: boolean;
  private loadedFrom: RetentionApi | undefined;

  constructor() {
    super();
    this.months = {} as Record<Key, string>;
    this.issues = {};
    this.message = '';
    this.failed = false;
    this.busy = false;
    this.purged = false;
    this.confirming = false;
  }

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFrom) {
      this.loadedFrom = this.api;
      void this.run(async () => this.show(await this.api!.retention()));
    }
  }

  private show(info: RetentionInfo) {
    this.info = info;
    this.months = Object.fromEntries(info.rules.map((r) => [r.key, String(info.retention[r.key])])) as Record<Key, string>;
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
      const err = error as AdminApiError;
      // The collector's field messages are English for developers; a period has one Dutch message.
      const range = this.info ? this.l.t('monthsRange', { min: this.info.min, max: this.info.max }) : '';
      this.issues = Object.fromEntries((err.issues ?? []).map((i) => [i.path, range || i.message]));
      this.failed = true;
      this.message = this.l.t('privacyFailed', { message: problemText(this.l, err) });
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const info = this.info!;
    const local: Partial<Record<Key, string>> = {};
    const periods: Partial<RetentionSettings> = {};
    for (const { key } of info.rules) {
      const n = Number(this.months[key].trim());
      if (!Number.isInteger(n) || n < info.min || n > info.max) local[key] = this.l.t('monthsRange', { min: info.min, max: info.max });
      // Periods equal to the default are not stored: they follow the default.
      else if (n !== info.defaults[key]) periods[key] = n;
    }
    this.issues = local;
    if (Object.keys(local).length) {
      this.failed = true;
      this.message = this.l.t('checkFields');
    } else if (await this.run(async () => this.show(await this.api!.saveRetention(periods)))) {
      this.lines = undefined;
      this.message = this.l.t('retentionSaved');
    }
    await this.updateComplete;
    (
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('#retention-status')
    )?.focus();
  }

  private async purge(dryRun: boolean) {
    this.confirming = false;
    const done = await this.run(async () => {
      this.lines = await this.api!.purge(dryRun);
      this.purged = !dryRun;
    });
    if (done && !dryRun) this.message = this.l.t('purgeDone', { count: this.lines!.reduce((n, l) => n + l.count, 0) });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(done ? '#purge-heading' : '#retention-status')?.focus();
  }

  private async askConfirm(on: boolean) {
    this.confirming = on;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(on ? '.purge-no' : '.purge-run')?.focus();
  }

  /**
   * Checks a period as it is typed, so 0 or 1000 gets the Dutch message at once; the same text
   * goes into the field's own validity, which the browser would otherwise show in its language.
   */
  private typed(key: Key, input: HTMLInputElement) {
    const info = this.info!;
    this.months = { ...this.months, [key]: input.value };
    const n = Number(input.value.trim());
    const wrong = input.value.trim() !== '' && (!Number.isInteger(n) || n < info.min || n > info.max);
    const message = wrong ? this.l.t('monthsRange', { min: info.min, max: info.max }) : '';
    input.setCustomValidity(message);
    const { [key]: _, ...others } = this.issues;
    this.issues = wrong ? { ...others, [key]: message } : others;
  }

  private what(key: Key | undefined, fallback: string) {
    const name = `retention.${key}`;
    return this.l.has(name) ? this.l.t(name as keyof AdminStrings) : fallback;
  }

  private renderPeriods(info: RetentionInfo) {
    const l = this.l;
    return html`<form @submit=${this.save} novalidate>
      ${info.rules.map(({ key, what }) => {
        const error = this.issues[key];
        return html`<div class="field">
          <label for="months-${key}">${this.what(key, what)}</label>
          <input id="months-${key}" class="months" type="number" inputmode="numeric" min=${info.min} max=${info.max} .value=${this.months[key] ?? ''}
            aria-invalid=${error ? 'true' : 'false'} aria-describedby="months-${key}-hint${error ? ` months-${key}-error` : ''}"
            @input=${(e: Event) => this.typed(key, e.target as HTMLInputElement)} />
          <p class="hint" id="months-${key}-hint">${l.t('monthsHint', { months: info.defaults[key] })}</p>
          ${error ? html`<p class="error" id="months-${key}-error">${error}</p>` : nothing}
        </div>`;
      })}
      <div class="row">
        <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${l.t('save')}</button>
        <button type="button" class="defaults"
          @click=${() => (this.months = Object.fromEntries(info.rules.map((r) => [r.key, String(info.defaults[r.key])])) as Record<Key, string>)}>${l.t('retentionDefaults')}</button>
      </div>
    </form>`;
  }

  private renderPurge(info: RetentionInfo) {
    const l = this.l;
    const lines = this.lines;
    const total = lines?.reduce((n, line) => n + line.count, 0) ?? 0;
    return html`<section aria-labelledby="purge-heading">
      <h4 id="purge-heading" tabindex="-1">${l.t(this.purged ? 'purgeDoneHeading' : 'purgeHeading')}</h4>
      <p class="hint">${l.t('purgeIntro')}</p>
      ${
        lines
          ? html`<ul class="purge-lines">
            ${lines.map((line) => {
              const key = info.rules.find((r) => r.action === line.action)?.key;
              return html`<li data-action=${line.action}>
                <strong>${this.what(key, line.what)}</strong><br />
                ${l.t('purgeBefore')} ${this.formatDate(line.before, false)} ·
                ${l.t(this.purged ? 'purgeRemoved' : 'purgeDue')} <span class="count">${line.count}</span>
              </li>`;
            })}
          </ul>
          ${total === 0 && !this.purged ? html`<p>${l.t('purgeNothing')}</p>` : nothing}`
          : nothing
      }
      <div class="row">
        <button type="button" class="purge-dry" @click=${() => this.purge(true)}>${l.t('purgeDry')}</button>
        ${
          lines && !this.purged && total > 0 && !this.confirming
            ? html`<button type="button" class="purge-run" @click=${() => this.askConfirm(true)}>${l.t('purgeRun')}</button>`
            : nothing
        }
      </div>
      ${
        this.confirming
          ? html`<div role="group" aria-labelledby="purge-confirm">
            <p id="purge-confirm"><strong>${l.t('purgeConfirm', { count: total })}</strong></p>
            <div class="row">
              <button type="button" class="danger purge-yes" @click=${() => this.purge(false)}>${l.t('purgeYes')}</button>
              <button type="button" class="purge-no" @click=${() => this.askConfirm(false)}>${l.t('confirmNo')}</button>
            </div>
          </div>`
          : nothing
      }
    </section>`;
  }

  override render() {
    const l = this.l;
    const info = this.info;
    return html`<section aria-labelledby="retention-heading" class="no-print">
      <h3 id="retention-heading">${l.t('retentionHeading')}</h3>
      <p class="hint">${l.t('retentionIntro')}</p>
      <p id="retention-status" class="status" tabindex="-1" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
      ${info ? html`${this.renderPeriods(info)} ${this.renderPurge(info)}` : this.failed ? nothing : html`<p>${l.t('loading')}</p>`}
    </section>`;
  }
}
