import { css, html, type PropertyDeclarations } from 'lit';
import type { HandledState } from '../../schema/admin.js';
import type { HandledKind } from '../../schema/constants.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { InboxApi } from '../shared/api.js';
import { problemText } from '../exports/exports.js';

/** `detail` of `bk-handled`: the item and its state after the change. */
export interface HandledChange extends HandledState {
  kind: HandledKind;
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-handled': CustomEvent<HandledChange>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-handled': AdminHandled;
  }
}

/**
 * "Markeer als afgehandeld" and its undo, for one item of any kind, in the inbox list and in the
 * detail views (which say when and by whom).
 *
 * @summary Mark as handled.
 * @event bk-handled - `detail: {kind, id, handledAt, handledBy}` after the collector saved the change.
 */
export class AdminHandled extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0.25em 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    kind: {},
    itemId: { attribute: 'item-id' },
    handledAt: { attribute: false },
    handledBy: { attribute: false },
    /** What the item is, for the button's accessible name in a list of many. */
    itemLabel: { attribute: 'item-label' },
    busy: { state: true },
    error: { state: true },
  };

  declare api: InboxApi | undefined;
  declare kind: HandledKind;
  declare itemId: string;
  declare handledAt: string | null;
  declare handledBy: string | null;
  declare itemLabel: string;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.kind = 'idea';
    this.itemId = '';
    this.handledAt = null;
    this.handledBy = null;
    this.itemLabel = '';
    this.busy = false;
    this.error = '';
  }

  private async toggle() {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const state = await this.api.setHandled(this.kind, this.itemId, this.handledAt === null);
      this.handledAt = state.handledAt;
      this.handledBy = state.handledBy;
      const detail: HandledChange = { kind: this.kind, id: this.itemId, handledAt: state.handledAt, handledBy: state.handledBy };
      this.dispatchEvent(new CustomEvent('bk-handled', { detail, bubbles: true, composed: true }));
    } catch (error) {
      this.error = this.l.t('handleFailed', { message: problemText(this.l, error) });
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const l = this.l;
    const handled = this.handledAt !== null;
    const text = l.t(handled ? 'unmarkHandled' : 'markHandled');
    return html`
      <button type="button" aria-busy=${this.busy ? 'true' : 'false'} ?disabled=${!this.api}
        aria-label=${this.itemLabel ? `${text}: ${this.itemLabel.slice(0, 60)}` : text} @click=${this.toggle}>${text}</button>
      ${this.error ? html`<p role="alert">${this.error}</p>` : ''}
    `;
  }
}
