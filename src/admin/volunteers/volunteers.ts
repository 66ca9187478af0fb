import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import { hasVolunteerCatalogueApi, type AdminShiftSignup, type VolunteerApi, type VolunteerCatalogue } from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import { volunteerItemTitle } from './volunteer-draft.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-volunteers': AdminVolunteers;
  }
}

/** A local date `days` from today, as YYYY-MM-DD. */
export function localDate(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface ShiftOccurrence {
  key: string;
  shiftId: string;
  date: string;
  startAt: string;
  endAt: string;
  /** Confirmed, and offered a freed place (not yet accepted). */
  coming: AdminShiftSignup[];
  waitlist: AdminShiftSignup[];
}

/** Sign-ups grouped per shift occurrence, earliest first; cancelled and expired ones left out. Pure. */
export function groupSignups(signups: readonly AdminShiftSignup[]): ShiftOccurrence[] {
  const map = new Map<string, ShiftOccurrence>();
  for (const s of signups) {
    if (s.status === 'cancelled' || s.status === 'expired') continue;
    const key = `${s.shiftId}/${s.date}`;
    let o = map.get(key);
    if (!o) map.set(key, (o = { key, shiftId: s.shiftId, date: s.date, startAt: s.startAt, endAt: s.endAt, coming: [], waitlist: [] }));
    (s.status === 'waitlisted' ? o.waitlist : o.coming).push(s);
  }
  for (const o of map.values()) o.waitlist.sort((a, b) => a.position - b.position);
  return [...map.values()].sort((a, b) => a.startAt.localeCompare(b.startAt));
}

/**
 * Volunteers: per shift occurrence in a period, who is coming (with contact) and the waitlist in
 * order; with `moderate`, mark whether each one came (yes / no / not marked). Below it the roles
 * and shifts (`bk-admin-volunteer-catalogue`); after a change there the list here is loaded again,
 * so places offered to the waitlist by more capacity show at once (and are counted in a note).
 *
 * @summary Volunteers section.
 */
export class AdminVolunteers extends AdminElement {
  static override styles = [
    adminStyles,
    css`
      article {
        border-block-start: 1px solid var(--_border);
        padding-block: 0.5em;
      }
      ul,
      ol {
        padding-inline-start: 1.25em;
      }
      li {
        margin-block: 0.4em;
      }
      button[aria-pressed='true'] {
        color: var(--_accent-text);
        background: var(--_accent);
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    from: { state: true },
    to: { state: true },
    signups: { state: true },
    catalogue: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  declare api: VolunteerApi | undefined;
  declare canEdit: boolean;
  declare from: string;
  declare to: string;
  declare signups: AdminShiftSignup[] | undefined;
  declare catalogue: VolunteerCatalogue | undefined;
  declare error: string;
  /** What the last change to a shift did to the list (places offered to the waitlist). */
  declare notice: string;

  constructor() {
    super();
    this.canEdit = false;
    this.from = localDate();
    this.to = localDate(13);
    this.error = '';
    this.notice = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this.load();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    try {
      const [catalogue, signups] = await Promise.all([this.api.volunteerCatalogue(), this.api.listSignups(this.from, this.to)]);
      this.catalogue = catalogue;
      this.signups = signups;
      this.error = '';
    } catch (error) {
      this.error = this.l.t('resultsFailed', { message: problemText(this.l, error) });
    }
  }

  /** A role or shift changed: load again, and say how many on the waitlist of a shift got a place. */
  private async catalogueChanged(e: CustomEvent<{ kind: 'role' | 'shift'; id: string }>) {
    const offered = () => (this.signups ?? []).filter((s) => s.shiftId === e.detail.id && s.status === 'offered').length;
    const before = offered();
    await this.load();
    const count = offered() - before;
    this.notice = e.detail.kind === 'shift' && count > 0 ? this.l.t('volPromotedNote', { count }) : '';
  }

  private async mark(signup: AdminShiftSignup, attended: boolean) {
    const value = signup.attended === attended ? null : attended;
    try {
      const saved = await this.api!.setAttendance(signup.id, value);
      this.signups = this.signups!.map((s) => (s.id === saved.id ? { ...s, attended: saved.attended } : s));
      this.error = '';
    } catch (error) {
      this.error = this.l.t('saveFailed', { message: problemText(this.l, error) });
    }
  }

  private shiftTitle(shiftId: string): string {
    const shift = this.catalogue?.shifts.find((s) => s.id === shiftId);
    return shift ? volunteerItemTitle(shift, this.catalogue!.roles) : this.l.t('volDeletedShift');
  }

  private when(o: ShiftOccurrence): string {
    const fmt = new Intl.DateTimeFormat(this.l.lang, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
    const end = new Intl.DateTimeFormat(this.l.lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(o.endAt));
    return `${fmt.format(new Date(o.startAt))} – ${end}`;
  }

  private renderPerson(s: AdminShiftSignup, o: ShiftOccurrence) {
    const l = this.l;
    const name = `${s.firstName} (${s.contact})`;
    return html`<li>
      <span><bdi>${name}</bdi>${s.status === 'offered' ? html` — ${l.t('volOffered')}` : ''}</span>
      ${
        this.canEdit
          ? html`<span class="row" role="group" aria-label=${l.t('volAttendance', { name: s.firstName, when: this.when(o) })}>
            <button type="button" class="came" aria-pressed=${s.attended === true ? 'true' : 'false'} @click=${() => this.mark(s, true)}>${l.t('volCame')}</button>
            <button type="button" class="absent" aria-pressed=${s.attended === false ? 'true' : 'false'} @click=${() => this.mark(s, false)}>${l.t('volAbsent')}</button>
          </span>`
          : s.attended !== null
            ? html` — ${s.attended ? l.t('volCame') : l.t('volAbsent')}`
            : ''
      }
    </li>`;
  }

  override render() {
    const l = this.l;
    const occurrences = groupSignups(this.signups ?? []);
    const date = (id: 'from' | 'to', label: string) => html`<div class="field">
      <label for="vol-${id}">${label}</label>
      <input id="vol-${id}" type="date" .value=${this[id]} @change=${(e: Event) => {
        this[id] = (e.target as HTMLInputElement).value;
        this.notice = '';
        void this.load();
      }} />
    </div>`;
    return html`<section aria-labelledby="vol-heading">
      <h2 id="vol-heading">${l.t('volHeading')}</h2>
      <fieldset>
        <legend>${l.t('periodLabel')}</legend>
        <div class="grid">${date('from', l.t('fromLabel'))} ${date('to', l.t('toLabel'))}</div>
      </fieldset>
      ${this.error ? html`<p role="alert">${this.error}</p>` : ''}
      <p class="status" role="status">${this.notice}</p>
      ${this.signups && !occurrences.length ? html`<p>${l.t('volNone')}</p>` : ''}
      ${occurrences.map(
        (o) => html`<article aria-labelledby="occ-${o.key.replace('/', '-')}">
          <h3 id="occ-${o.key.replace('/', '-')}">${this.shiftTitle(o.shiftId)}: ${this.when(o)}</h3>
          <h4>${l.t('volComing', { count: o.coming.length })}</h4>
          ${o.coming.length ? html`<ul class="coming">${o.coming.map((s) => this.renderPerson(s, o))}</ul>` : ''}
          ${
            o.waitlist.length
              ? html`<h4>${l.t('volWaitlist', { count: o.waitlist.length })}</h4>
                <ol class="waitlist">${o.waitlist.map((s) => html`<li><bdi>${s.firstName}</bdi> (<bdi>${s.contact}</bdi>)</li>`)}</ol>`
              : ''
          }
        </article>`,
      )}
    </section>
    <bk-admin-volunteer-catalogue .api=${hasVolunteerCatalogueApi(this.api) ? this.api : undefined} .catalogue=${this.catalogue}
      .signups=${this.signups ?? []} ?can-edit=${this.canEdit} lang=${this.lang || nothing}
      @bk-volunteer-catalogue-changed=${this.catalogueChanged}></bk-admin-volunteer-catalogue>`;
  }
}
