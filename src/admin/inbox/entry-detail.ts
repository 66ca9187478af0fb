import { html, type PropertyDeclarations } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { InboxApi } from '../shared/api.js';
import { detailStyles } from './idea-detail.js';
import type { InboxEntry } from './inbox-entries.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-close-entry': CustomEvent<{ id: string }>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-entry-detail': AdminEntryDetail;
  }
}

/**
 * Everything the token may read of one inbox item other than an idea (intake, sign-up, poll
 * response), names and contact details included (only here, never in the list), and with
 * `can-handle` the "mark as handled" button.
 *
 * @summary Detail view of one inbox item.
 * @event bk-close-entry - back to the list.
 */
export class AdminEntryDetail extends AdminElement {
  static override styles = [adminStyles, detailStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    entry: { attribute: false },
    api: { attribute: false },
    canHandle: { type: Boolean, attribute: 'can-handle' },
  };

  declare entry: InboxEntry | undefined;
  declare api: InboxApi | undefined;
  declare canHandle: boolean;

  constructor() {
    super();
    this.canHandle = false;
  }

  /** Move focus to the heading (after opening from the list). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private close() {
    this.dispatchEvent(new CustomEvent('bk-close-entry', { detail: { id: this.entry?.id ?? '' }, bubbles: true, composed: true }));
  }

  override render() {
    const e = this.entry;
    if (!e) return html``;
    const l = this.l;
    return html`
      <article aria-labelledby="detail-heading">
        <button type="button" class="back" @click=${this.close}>${l.t('back')}</button>
        <h2 id="detail-heading" tabindex="-1">${l.t(`detail.${e.kind}`)}</h2>
        <dl>${e.rows.map(([label, value]) => html`<dt>${label}</dt><dd dir="auto">${value}</dd>`)}</dl>
        ${
          this.canHandle
            ? html`<bk-admin-handled .api=${this.api} kind=${e.kind} item-id=${e.id} .handledAt=${e.handledAt}
              .handledBy=${e.handledBy}></bk-admin-handled>`
            : ''
        }
      </article>
    `;
  }
}
