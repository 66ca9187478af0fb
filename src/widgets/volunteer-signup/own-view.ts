/**
 * The visitor's own sign-ups: the confirmation after sending (statuses, an .ics file, the personal
 * link) and the personal link's page (cancel, or confirm a place offered from the waitlist).
 * Loaded on demand: most visitors only look at the list.
 */
import { localized } from '../../core/localized.js';
import { textFor } from '../../schema/localized-text.js';
import { html, nothing } from 'lit';
import { canRead, siteUrl } from '../../core/endpoint.js';
import type { OwnSignup, OwnSignupsAnswer, PublicShiftOccurrence } from '../../schema/volunteer-constants.js';
import { manageLink, shiftsIcs } from './ics.js';
import type { VolunteerSignup } from './volunteer-signup.js';
export { lazyStyles } from './lazy.styles.js';

export { ownNl } from './own-strings.js';

/** A sign-up as shown; `pending` until the collector has answered. */
type Shown = Omit<OwnSignup, 'status'> & { status: OwnSignup['status'] | 'pending' };

export class OwnView {
  /** The sign-ups as the collector knows them. */
  own: OwnSignup[] | undefined;
  /** Kept in the outbox, not sent yet. */
  queued = false;
  sentShifts: PublicShiftOccurrence[] = [];

  constructor(
    private readonly host: VolunteerSignup,
    /** The personal cancel token. */
    public token: string,
  ) {}

  /** The personal link: look, cancel, confirm. */
  async manage(action: 'view' | 'cancel' | 'confirm', ids?: string[]) {
    const host = this.host;
    const cfg = host.resolvedEndpoint;
    if (!cfg || !canRead(cfg)) return;
    const { l } = this.host;
    if (action === 'view' && this.host.view === 'manage') this.host.say(l.t('loading'));
    try {
      const res = await fetch(siteUrl(cfg, 'volunteer/manage'), {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: this.token, action, ...(ids ? { ids } : {}) }),
      });
      if (res.status === 404) {
        this.own = [];
        return this.host.say(this.host.view === 'manage' ? l.t('manageNotFound') : '', 'error');
      }
      if (!res.ok) throw new Error(String(res.status));
      const answer = (await res.json()) as OwnSignupsAnswer;
      this.own = answer.signups;
      host.requestUpdate();
      host.loaded ??= { timeZone: answer.timeZone, roles: [], occurrences: [] };
      if (action !== 'view') host.say(l.t(action === 'cancel' ? 'cancelledNote' : 'confirmedNote'), 'success');
      else if (host.view === 'manage') host.say('');
    } catch {
      this.host.say(l.t('failed'), 'error');
    }
  }

  private statusText(s: Shown): string {
    const time = s.offerExpiresAt ? `${this.host.fmt(s.offerExpiresAt, 'day')} ${this.host.fmt(s.offerExpiresAt, 'time')}` : '';
    return this.host.l.t(`status.${s.status}`, { time });
  }

  private renderOwn(list: readonly Shown[], actions: boolean) {
    const { l } = this.host;
    return html`<ul class="own">
      ${list.map(
        (s) => html`<li part="shift" class="shift">
          <div><strong>${this.host.when(s)}</strong> <bdi>${localized(s.title, l.locale)}</bdi></div>
          <div class="state" data-status=${s.status}>${this.statusText(s)}</div>
          ${
            actions && s.status === 'offered'
              ? html`<button part="button" class="primary" type="button" @click=${() => this.manage('confirm')}>${l.t('confirm')}</button>`
              : nothing
          }
          ${
            actions && ['confirmed', 'waitlisted', 'offered'].includes(s.status)
              ? html`<button part="button" type="button" @click=${() => this.manage('cancel', [s.id])}>${l.t('cancel')}</button>`
              : nothing
          }
        </li>`,
      )}
    </ul>`;
  }

  renderManage() {
    return this.own ? this.renderOwn(this.own, true) : nothing;
  }

  renderDone() {
    const { l } = this.host;
    const link = manageLink(location.href, this.token);
    const shown: Shown[] =
      this.own ??
      this.sentShifts.map((o) => ({
        id: '',
        shiftId: o.shiftId,
        title: o.title,
        date: o.date,
        start: o.start,
        end: o.end,
        status: 'pending',
        offerExpiresAt: null,
      }));
    const ics = shiftsIcs(
      shown
        .filter((s) => s.status !== 'cancelled' && s.status !== 'expired')
        .map((s) => ({ ...s, title: textFor(s.title, l.locale).text })),
      `${l.t('linkLabel')}: ${link}`,
    );
    return html`<div part="done" class="done">
      <h3 tabindex="-1">${l.t(this.queued ? 'queuedTitle' : 'doneTitle')}</h3>
      ${this.queued ? html`<p>${l.t('queuedBody')}</p>` : nothing}
      ${this.renderOwn(shown, false)}
      <p><a part="button" class="button" download="diensten.ics" href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`}>${l.t('icsLink')}</a></p>
      ${this.host.live ? this.renderLink(link) : nothing}
      <button part="button" type="button" @click=${this.host.another}>${l.t('another')}</button>
    </div>`;
  }

  private renderLink(link: string) {
    const { l } = this.host;
    return html`<div class="field">
        <label for="link">${l.t('linkLabel')}</label>
        <p class="hint" id="link-hint">${l.t('linkHint')}</p>
        <input part="input link" id="link" readonly .value=${link} aria-describedby="link-hint" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <p><a href=${link}>${link}</a></p>
      </div>`;
  }
}
