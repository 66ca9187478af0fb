import { css, html, type PropertyDeclarations } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-close-idea': CustomEvent<{ id: string }>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-idea-detail': AdminIdeaDetail;
  }
}

/** The detail views' list of fields: label and value side by side, stacked on a narrow screen. */
export const detailStyles = css`
  dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25em 1em;
    margin: 0.5em 0 1em;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    white-space: pre-line;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd {
      margin-block-end: 0.5em;
    }
  }
`;

/**
 * Everything stored about one idea, personal details included (only here, never in the list).
 * Moderation goes in the default slot (the app puts `<bk-admin-moderation>` there).
 *
 * @summary Detail view of one idea.
 * @slot - Below the details: the moderation form.
 * @event bk-close-idea - back to the list.
 */
export class AdminIdeaDetail extends AdminElement {
  static override styles = [adminStyles, detailStyles];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    idea: { attribute: false },
  };

  declare idea: AdminIdea | undefined;

  /** Move focus to the heading (after opening from the list). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private close() {
    this.dispatchEvent(new CustomEvent('bk-close-idea', { detail: { id: this.idea?.id ?? '' }, bubbles: true, composed: true }));
  }

  override render() {
    const idea = this.idea;
    if (!idea) return html``;
    const l = this.l;
    const none = l.t('none');
    const rows: [keyof AdminStrings, string][] = [
      ['field.text', idea.text],
      ['field.createdAt', this.formatDate(idea.createdAt)],
      ['field.status', this.label('status', idea.status)],
      ['field.published', idea.published ? l.t('yes') : l.t('no')],
      [
        'field.handled',
        idea.handledAt ? l.t('handledOn', { date: this.formatDate(idea.handledAt), who: idea.handledBy ?? '' }) : l.t('handledNo'),
      ],
      ['field.publicAnswer', idea.publicAnswer ?? none],
      ['field.statusReason', idea.statusReason ?? none],
      ['field.category', idea.category ?? none],
      ['field.role', this.label('role', idea.role)],
      ['field.wantsToHelp', idea.wantsToHelp ? l.t('yes') : l.t('no')],
      ['field.name', idea.name ?? none],
      ['field.contact', idea.contact ?? none],
      [
        'field.consent',
        idea.consentVersion ? l.t('consentGiven', { version: idea.consentVersion, date: this.formatDate(idea.consentGivenAt) }) : none,
      ],
      ['field.consentHash', idea.consentHash ?? none],
      ['field.locale', idea.locale],
      ['field.votes', String(idea.votes)],
      ['field.updatedAt', this.formatDate(idea.updatedAt)],
      ['field.id', idea.id],
    ];
    return html`
      <article aria-labelledby="detail-heading">
        <button type="button" class="back" @click=${this.close}>${l.t('back')}</button>
        <h2 id="detail-heading" tabindex="-1">${l.t('detailHeading')}</h2>
        <dl>${rows.map(([key, value]) => html`<dt>${l.t(key)}</dt><dd dir="auto">${value}</dd>`)}</dl>
        <slot></slot>
      </article>
    `;
  }
}
