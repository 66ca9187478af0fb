import { css, html, type PropertyDeclarations } from 'lit';
import type { AdminIdea } from '../../schema/admin.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { meetingEntries, groupByTag, type MeetingEntry } from './idea-groups.js';
import { ideasOfMonth, localDay } from './idea-filter.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-house-meeting': AdminHouseMeeting;
  }
}

/**
 * The monthly "huiskamergesprek" agenda: a chosen month's ideas as a numbered list to print
 * (A4, see `admin-page.css` for the page box). Names and contact details are left out: the list
 * is read aloud and lies on the table. A merged idea stands for the idea it was merged into (once,
 * with how often it was mentioned). Tags are coordinators' words, so they are printed only when the
 * coordinator asks to group the list by tag.
 *
 * @summary Printable agenda of a month's ideas.
 */
export class AdminHouseMeeting extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      ol {
        padding-inline-start: 1.75em;
      }
      li {
        margin-block: 0.75em;
        break-inside: avoid;
      }
      .text {
        white-space: pre-line;
        margin: 0;
      }
      .meta {
        color: var(--_muted);
        margin: 0;
      }
      @media print {
        :host {
          color: #000;
          font-size: 11pt;
        }
        .meta {
          color: #000;
        }
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    ideas: { attribute: false },
    month: {},
    grouped: { type: Boolean },
  };

  declare ideas: AdminIdea[];
  /** `YYYY-MM`; this month by default. */
  declare month: string;
  /** Grouped by tag (see `groupByTag`). */
  declare grouped: boolean;

  constructor() {
    super();
    this.ideas = [];
    this.grouped = false;
    this.month = localDay(new Date().toISOString()).slice(0, 7);
  }

  private monthName(): string {
    const [y, m] = this.month.split('-').map(Number);
    if (!y || !m) return this.month;
    return new Intl.DateTimeFormat(this.l.lang, { month: 'long', year: 'numeric' }).format(new Date(y, m - 1, 1));
  }

  private renderEntry({ idea: i, alsoMentioned }: MeetingEntry) {
    const l = this.l;
    return html`<li>
      <p class="text" dir="auto">${i.text}</p>
      <p class="meta">
        ${this.formatDate(i.createdAt, false)} · ${this.label('status', i.status)}${i.category ? ` · ${i.category}` : ''}
        ${i.votes ? ` · ${l.t('field.votes')}: ${i.votes}` : ''}
        ${alsoMentioned ? ` · ${l.t('alsoMentioned', { count: alsoMentioned })}` : ''}
      </p>
    </li>`;
  }

  private renderEntries(entries: MeetingEntry[]) {
    if (!this.grouped) return html`<ol>${entries.map((e) => this.renderEntry(e))}</ol>`;
    let start = 1;
    return groupByTag(entries).map(({ tag, entries: group }) => {
      const list = html`<h4>${tag || this.l.t('houseMeetingNoTag')}</h4>
        <ol start=${start}>${group.map((e) => this.renderEntry(e))}</ol>`;
      start += group.length;
      return list;
    });
  }

  override render() {
    const l = this.l;
    const entries = meetingEntries(this.ideas, ideasOfMonth(this.ideas, this.month));
    return html`
      <section aria-labelledby="house-meeting-heading">
        <div class="no-print">
          <h2 id="house-meeting-heading">${l.t('houseMeetingHeading')}</h2>
          <p class="hint">${l.t('houseMeetingIntro')}</p>
          <div class="row">
            <div class="field">
              <label for="month">${l.t('monthLabel')}</label>
              <input id="month" type="month" .value=${this.month}
                @change=${(e: Event) => (this.month = (e.target as HTMLInputElement).value || this.month)} />
            </div>
            <div class="check">
              <input id="grouped" type="checkbox" .checked=${this.grouped}
                @change=${(e: Event) => (this.grouped = (e.target as HTMLInputElement).checked)} />
              <label for="grouped">${l.t('houseMeetingGroupLabel')}</label>
            </div>
            <button type="button" @click=${() => window.print()}>${l.t('print')}</button>
          </div>
        </div>
        <h3 class="title">${l.t('houseMeetingTitle', { month: this.monthName() })}</h3>
        <p class="count">${l.t('count', { count: entries.length })}</p>
        ${entries.length ? this.renderEntries(entries) : html`<p>${l.t('houseMeetingEmpty')}</p>`}
      </section>
    `;
  }
}
