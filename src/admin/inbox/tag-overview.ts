import { css, html, type PropertyDeclarations } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { tagCounts } from './idea-groups.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-pick-tag': CustomEvent<{ tag: string }>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-tag-overview': AdminTagOverview;
  }
}

/**
 * "Welke wensen komen vaker terug": every tag with how many ideas it covers (merged ideas
 * included), most first. Choosing a tag asks the inbox to show only its ideas; choosing it again
 * shows all.
 *
 * @summary Tag counts of the loaded ideas.
 * @event bk-pick-tag - `detail: {tag}`; '' to stop filtering.
 */
export class AdminTagOverview extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      .tags {
        margin: 0.5em 0;
      }
      button[aria-pressed='true'] {
        color: var(--_accent-text);
        background: var(--_accent);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    ideas: { attribute: false },
    selected: {},
  };

  declare ideas: AdminIdea[];
  /** The tag the inbox filters on, '' for none. */
  declare selected: string;

  constructor() {
    super();
    this.ideas = [];
    this.selected = '';
  }

  private pick(tag: string) {
    const detail = { tag: tag === this.selected ? '' : tag };
    this.dispatchEvent(new CustomEvent('bk-pick-tag', { detail, bubbles: true, composed: true }));
  }

  override render() {
    const l = this.l;
    const counts = tagCounts(this.ideas);
    return html`<details>
      <summary>${l.t('tagOverviewHeading')}</summary>
      <p class="hint">${l.t('tagOverviewHint')}</p>
      ${
        counts.length
          ? html`<div class="tags row" role="group" aria-label=${l.t('tagOverviewHeading')}>
            ${counts.map(
              ({
                tag,
                ideas,
              }) => html`<button type="button" aria-pressed=${tag === this.selected ? 'true' : 'false'} @click=${() => this.pick(tag)}>
                ${l.t('tagOverviewPick', { tag, ideas: l.t('count', { count: ideas }) })}
              </button>`,
            )}
          </div>`
          : html`<p>${l.t('tagOverviewEmpty')}</p>`
      }
    </details>`;
  }
}
