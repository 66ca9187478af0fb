import { localized } from '../../core/localized.js';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BuurtkitSender } from '../../core/buurtkit-sender.js';
import { sendNotConnectedText } from '../../core/delivery-strings.js';
import { DeliveryController, type DeliveryResult } from '../../core/delivery.js';
import { canRead, siteUrl } from '../../core/endpoint.js';
import { withDates } from '../../core/warm-dates.js';
import { Loader } from '../../core/load.js';
import { checkAnswer } from '../../core/not-connected.js';
import { submissionRequest } from '../../core/request.js';
import { buildEnvelope } from '../../core/envelope.js';
import { formatsFor } from '../../core/formats.js';
import { LocalizeController } from '../../core/localize.js';
import { nextTask } from '../../core/next-task.js';
import { statusRegion, type StatusTone } from '../../core/status.js';
import { baseStyles, tokens, widgetLayout } from '../../core/styles.js';
import { isPlausibleContact } from '../../schema/constants.js';
import type { EnvelopeBase } from '../../schema/envelope.js';
import type { ShiftSignupPayloadInput } from '../../schema/volunteer.js';
import type { PublicRole, PublicRoster, PublicShiftOccurrence } from '../../schema/volunteer-constants.js';
import type { ApplyForm } from './apply-form.js';
import type { OwnView } from './own-view.js';
import { byDay, collisions, newCancelToken, occurrenceKey, tokenFromUrl } from './roster-view.js';
import { nl, type VolunteerSignupStrings } from './strings.js';
import { volunteerSignupStyles } from './volunteer-signup.styles.js';

export { registerLocale } from '../../core/localize.js';
export { BkErrorEvent } from '../../core/events.js';
export { BkSubmitEvent, BkSentEvent, BkQueuedEvent } from '../../core/send-events.js';

/** `list`: roles and shifts; `done`: the answer; `manage`: the personal link's page; `apply`: the general sign-up. */
export type VolunteerSignupView = 'list' | 'done' | 'manage' | 'apply';
type Errors = Partial<Record<'shifts' | 'firstName' | 'contact', string>>;
/** Shifts rendered per task while the list builds up (see `renderDays`). */
const SHIFT_SLICE = 6;

/**
 * @tagname volunteer-signup
 * @summary Volunteer roles and shifts: sign up for one or more shifts with a first name and one
 * contact, join the waitlist when a shift is full, and cancel or confirm through a personal link.
 *
 * @event bk-submit - Before sending; cancelable. `event.envelope`.
 * @event bk-sent - The collector received the sign-up. `event.id`, `event.envelope`.
 * @event bk-queued - Kept on this device; sent later. `event.id`, `event.envelope`.
 * @event bk-error - `event.reason`: `rejected`, `invalid`, `storage` or `no-endpoint`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart notice - The "not connected" message.
 * @csspart role - A role card.
 * @csspart shift - A shift in the list.
 * @csspart places - The "nog 2 plekken" text.
 * @csspart form - The form.
 * @csspart input - Text inputs and checkboxes.
 * @csspart button - Every button.
 * @csspart submit - The submit button.
 * @csspart done - The confirmation panel.
 * @csspart link - The personal link field.
 * @csspart status - The live status line.
 *
 * @cssproperty --bk-volunteer-signup-accent - Accent of this widget only; defaults to `--bk-color-accent`.
 * @cssproperty --bk-volunteer-signup-max-width - Maximum width. Default `44em`.
 *
 * @cssstate sending - Sending.
 * @cssstate sent - The collector answered.
 * @cssstate queued - Kept on this device; will be sent.
 * @cssstate failed - The sign-up was refused.
 */
export class VolunteerSignup extends BuurtkitSender {
  static override styles = [tokens, baseStyles, widgetLayout, volunteerSignupStyles];

  static override properties: PropertyDeclarations = {
    heading: {},
    roleId: { attribute: 'role-id' },
    days: { type: Number },
    cancelToken: { attribute: 'cancel-token' },
    roster: { attribute: false },
    view: { state: true, attribute: false },
    chosen: { state: true, attribute: false },
    errors: { state: true, attribute: false },
  };

  /** Replaces the heading text. */
  declare heading: string | undefined;
  /** Show only this role (its id) and its shifts. */
  declare roleId: string | undefined;
  /** How many days ahead to show shifts (default 28). */
  declare days: number;
  /** Open the personal link's page for this token. Without it, `#bk-cancel=…` in the page address does. */
  declare cancelToken: string | undefined;
  /** Roles and shifts given by the page instead of read from the collector (a webhook endpoint, a story); places show in collector mode only. */
  declare roster: PublicRoster | undefined;
  declare view: VolunteerSignupView;
  declare protected chosen: Set<string>;
  declare protected errors: Errors;

  /** @internal */
  readonly l = new LocalizeController<VolunteerSignupStrings>(
    this,
    'volunteer-signup',
    { nl },
    { en: () => import('./locales/en.js').then((m) => m.en), ar: () => import('./locales/ar.js').then((m) => m.ar) },
  );
  /** @internal */
  readonly delivery = new DeliveryController(this, (env, r) => this.onLate(env, r));
  /**
   * @internal The shift list, read with backoff while it cannot be loaded (offline, the collector
   * down or refusing this page), and again after a sign-up and when the tab becomes visible.
   */
  readonly shifts = new Loader(this, {
    args: () => {
      const cfg = this.resolvedEndpoint;
      if (!cfg || !canRead(cfg) || this.roster || this.view === 'manage') return undefined;
      const from = new Date();
      const to = new Date(from.getTime() + (Math.max(1, this.days) - 1) * 86_400_000);
      return [cfg, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)] as const;
    },
    task: async ([cfg, from, to], signal) => {
      const res = await checkAnswer(
        await fetch(`${siteUrl(cfg, 'volunteer')}?from=${from}&to=${to}`, { credentials: 'omit', cache: 'no-store', signal }),
      );
      const roster = (await res.json()) as PublicRoster;
      // The confirmation module, ahead of need: a sign-up may be sent after the connection dropped.
      void import('./own-view.js').catch(() => undefined);
      // Shown with dates and times: the date formatter's set-up is finished first (see `withDates`).
      return withDates(roster);
    },
    endpoint: ([cfg]) => cfg,
  });
  private ownLoaded: PublicRoster | undefined;
  private status = '';
  private tone: StatusTone = 'info';
  private firstName = '';
  private contact = '';
  /** @internal The confirmation and the personal link's page, once loaded. */
  ownView: OwnView | undefined;
  private startedAt = 0;
  private applyForm: ApplyForm | undefined;
  /** How many shifts the list shows now; it only grows while the list is shown (see `renderDays`). */
  private shiftBudget = SHIFT_SLICE;
  /** The next slice of the list, while one is scheduled; `updateComplete` waits for it. */
  private nextSlice: Promise<void> | undefined;

  constructor() {
    super();
    this.days = 28;
    this.view = 'list';
    this.chosen = new Set();
    this.errors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.startedAt = performance.now();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  /** @internal What the collector answered: the shift list, or (the personal link's page) its time zone. */
  get loaded(): PublicRoster | undefined {
    return this.shifts.value ?? this.ownLoaded;
  }
  set loaded(value: PublicRoster | undefined) {
    this.ownLoaded = value;
  }

  /** Places change while a tab is away: fresh ones when it comes back (a failed read retries by itself). */
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.shifts.phase === 'ready') this.shifts.refresh();
  };

  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = this.hasUpdated ? undefined : this.l.ready();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Also waits for the rest of a shift list that is being shown in slices. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.nextSlice) {
      await this.nextSlice;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Back to the list from another view: it builds up in slices again, as at first.
    if (changed.has('view') && changed.get('view') !== undefined && this.view === 'list') this.shiftBudget = SHIFT_SLICE;
    const cfg = this.resolvedEndpoint;
    const token = this.cancelToken ?? (typeof location === 'undefined' ? undefined : tokenFromUrl(location.href));
    if (token && this.view === 'list' && !this.ownView && cfg && canRead(cfg)) {
      this.view = 'manage';
      void this.openOwn(token).then((v) => v.manage('view'));
    }
    const queued = !!this.ownView?.queued;
    if (changed.has('view'))
      for (const s of ['sent', 'queued'] as const) this.toggleState(s, this.view === 'done' && (s === 'queued') === queued);
  }

  /** @internal Whether places are known and links work: collector mode. A webhook cannot answer them. */
  get live(): boolean {
    const cfg = this.resolvedEndpoint;
    return !!cfg && canRead(cfg);
  }

  private get data(): PublicRoster | undefined {
    const data = this.roster ?? this.loaded;
    if (!data || !this.roleId) return data;
    return {
      ...data,
      roles: data.roles.filter((r) => r.id === this.roleId),
      occurrences: data.occurrences.filter((o) => o.roleId === this.roleId),
    };
  }

  /** @internal */
  say(status: string, tone: StatusTone = 'info') {
    this.status = status;
    this.tone = tone;
    this.requestUpdate();
  }

  /** @internal */
  fmt(iso: string, what: 'time' | 'day') {
    const f = formatsFor(this.l.locale, this.data?.timeZone);
    return what === 'time' ? f.time(Date.parse(iso)) : f.dayOf(Date.parse(iso));
  }

  /** @internal `zondag 7 december, 9.45–12.15 uur`, or without the day. */
  when(o: { start: string; end: string }, withDay = true) {
    const f = formatsFor(this.l.locale, this.data?.timeZone);
    const range = f.timeRange(Date.parse(o.start), Date.parse(o.end));
    return withDay ? f.join(f.dayOf(Date.parse(o.start)), range) : range;
  }

  protected override render() {
    const { l } = this;
    return html`<div part="base" class="base" lang=${l.locale} dir=${l.dir}>
      <h2 part="heading" class="heading">${this.view === 'manage' ? l.t('manageHeading') : this.heading || l.t('heading')}</h2>
      ${
        this.unconfigured && !this.roster
          ? html`<p part="notice" class="notice">${l.t('notConnected')}</p>`
          : this.view === 'manage'
            ? this.ownView?.renderManage()
            : this.view === 'done'
              ? this.ownView?.renderDone()
              : this.view === 'apply' && this.applyForm
                ? this.applyForm.render()
                : this.renderList()
      }
      ${statusRegion(this.status, this.tone)}
    </div>`;
  }

  private renderRole(r: PublicRole) {
    const { l } = this;
    const row = (key: 'whatYouDo' | 'notAsked' | 'timePerWeek' | 'training' | 'contactPerson') =>
      r[key] ? html`<dt>${l.t(key)}</dt><dd dir="auto">${localized(r[key], l.locale)}</dd>` : nothing;
    return html`<li part="role" class="card"><h4 dir="auto">${localized(r.name, l.locale)}</h4><dl>${row('whatYouDo')}${row('notAsked')}${row('timePerWeek')}${row('training')}${row('contactPerson')}</dl></li>`;
  }

  private renderList() {
    const { l } = this;
    const data = this.data;
    const chosen = data?.occurrences.filter((o) => this.chosen.has(occurrenceKey(o))) ?? [];
    const clash = collisions(chosen);
    const summary = Object.values(this.errors);
    const days = this.renderDays(data?.occurrences ?? [], clash);
    return html`<p class="intro">${l.t('intro')}</p>
      ${this.shifts.render(l.locale, l.t('notConnected'))}
      ${data?.roles.length ? html`<h3>${l.t('rolesHeading')}</h3><ul class="cards">${data.roles.map((r) => this.renderRole(r))}</ul>` : nothing}
      <form part="form" class="form" novalidate @submit=${this.onSubmit}>
        ${
          summary.length
            ? html`<div class="summary" role="alert" tabindex="-1"><p><strong>${l.t('summaryTitle')}</strong></p><ul>${summary.map((e) => html`<li>${e}</li>`)}</ul></div>`
            : nothing
        }
        <fieldset aria-invalid=${this.errors.shifts ? 'true' : 'false'} aria-busy=${this.nextSlice ? 'true' : 'false'}>
          <legend><h3>${l.t('shiftsHeading')}</h3></legend>
          ${data && !data.occurrences.length ? html`<p>${l.t('noShifts')}</p>` : nothing} ${days}
          ${this.errors.shifts ? html`<p class="error">${this.errors.shifts}</p>` : nothing}
        </fieldset>
        ${this.field('firstName', l.t('nameLabel'), 'given-name', '')}
        ${this.field('contact', l.t('contactLabel'), 'email', l.t('contactHint'))}
        <p class="hint">${l.t('privacy')}</p>
        <input class="trap" name="bk-website" tabindex="-1" autocomplete="off" aria-hidden="true" />
        <div><button part="button submit" class="primary" type="submit">${l.t('submit')}</button></div>
      </form>
      <p><button part="button" type="button" class="link" @click=${this.openApply}>${l.t('applyButton')}</button></p>`;
  }

  /**
   * The shifts by day, in slices: the first `SHIFT_SLICE` shifts now and as many more in each next
   * task (`updateComplete` waits for them), so a long roster never blocks a slow phone in one task.
   * The budget only grows while the list is shown: new places after a refresh never take away a
   * row, nor the focus in it.
   */
  private renderDays(occurrences: readonly PublicShiftOccurrence[], clash: Set<string>) {
    let left = this.shiftBudget;
    const days: TemplateResult[] = [];
    for (const [date, list] of byDay(occurrences)) {
      if (left <= 0) break;
      const shown = list.slice(0, left);
      left -= shown.length;
      days.push(html`<h4 class="day">${this.fmt(list[0]!.start, 'day')}</h4>
        <ul class="shifts">
          ${shown.map((o) => this.renderShift(o, clash.has(occurrenceKey(o)), date))}
        </ul>`);
    }
    if (occurrences.length > this.shiftBudget)
      this.nextSlice ??= nextTask().then(() => {
        this.nextSlice = undefined;
        this.shiftBudget += SHIFT_SLICE;
        this.requestUpdate();
      });
    return days;
  }

  private renderShift(o: PublicShiftOccurrence, clash: boolean, date: string) {
    const { l } = this;
    const key = occurrenceKey(o);
    const id = `s-${o.shiftId}-${date}`;
    const places = !this.live
      ? ''
      : o.remaining > 0
        ? l.t('placesLeft', { count: o.remaining })
        : `${l.t('full')}${o.waitlist ? ` (${l.t('waiting', { count: o.waitlist })})` : ''}`;
    return html`<li part="shift" class="shift">
      <input part="input" type="checkbox" id=${id} .checked=${this.chosen.has(key)} @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)}
        aria-describedby=${clash ? `${id}-c` : nothing} />
      <label for=${id}>
        <span class="visually-hidden">${this.fmt(o.start, 'day')}${formatsFor(this.l.locale, this.data?.timeZone).comma}</span
        ><span class="when">${this.when(o, false)}</span> <bdi>${localized(o.title, l.locale)}</bdi>
        ${places ? html`<span part="places" class=${o.remaining > 0 ? 'places' : 'places full'}>${places}</span>` : nothing}
      </label>
      ${clash ? html`<p class="warn" id="${id}-c">${l.t('collision')}</p>` : nothing}
    </li>`;
  }

  private field(name: 'firstName' | 'contact', label: string, autocomplete: string, hint: string): TemplateResult {
    const error = this.errors[name];
    const ids = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
      <input part="input" id=${name} name=${name} autocomplete=${autocomplete} dir="auto" maxlength=${name === 'contact' ? 200 : 60}
        .value=${name === 'contact' ? this.contact : this.firstName} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ids || nothing}
        @input=${(e: Event) => (this[name] = (e.target as HTMLInputElement).value)} />
      ${error ? html`<p class="error" id="${name}-error">${error}</p>` : nothing}
    </div>`;
  }

  private toggle(key: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(key);
    else next.delete(key);
    this.chosen = next;
  }

  private validate(): Errors {
    const { l } = this;
    const errors: Errors = {};
    if (!this.chosen.size) errors.shifts = l.t('errChoose');
    if (!this.firstName.trim()) errors.firstName = l.t('errName');
    if (!isPlausibleContact(this.contact)) errors.contact = l.t('errContact');
    return errors;
  }

  private readonly onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const cfg = this.resolvedEndpoint;
    if (!cfg || this.status === this.l.t('sending')) return;
    this.errors = this.validate();
    if (Object.keys(this.errors).length) {
      this.emitError('invalid', {
        issues: Object.entries(this.errors).map(([path, message]) => ({ path: `data.${path}`, message: message! })),
      });
      return void this.focusLater('.summary');
    }
    const shifts = (this.data?.occurrences ?? []).filter((o) => this.chosen.has(occurrenceKey(o)));
    const token = newCancelToken();
    this.toggleState('sending', true);
    this.say(this.l.t('sending'));
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('.trap')?.value ?? '';
    const envelope = buildEnvelope<ShiftSignupPayloadInput>({
      site: cfg.site,
      widget: 'volunteer-signup',
      locale: this.l.lang,
      data: {
        kind: 'shifts',
        shifts: shifts.map(({ shiftId, date }) => ({ shiftId, date })),
        firstName: this.firstName.trim(),
        contact: this.contact.trim(),
        cancelToken: token,
      },
      trap: { honeypot, elapsedMs: Math.max(0, Math.round(performance.now() - this.startedAt)) },
    });
    const result = await this.delivery.deliver(envelope, submissionRequest(cfg, envelope));
    this.toggleState('sending', false);
    if (result.state === 'sent' || result.state === 'queued') {
      // Prefetched with the list; should it still fail, the link is not lost: it goes in the status line.
      const own = await this.openOwn(token).catch(() => undefined);
      if (!own) return this.say(`${this.l.t(result.state)}: ${location.href.split('#')[0]}#bk-cancel=${token}`);
      own.sentShifts = shifts;
    }
    await this.settle(result);
  };

  private async settle(result: DeliveryResult) {
    const { l } = this;
    if (result.state === 'cancelled') return this.say('');
    if (result.state === 'failed') {
      this.toggleState('failed', true);
      if (result.status === 422) this.errors = { shifts: l.t('errForm') };
      // Not connected (the collector refused this page): say so, promise nothing; the form stays filled.
      return this.say(result.notConnected ? sendNotConnectedText(this, l.locale) : l.t('failed'), 'error');
    }
    this.toggleState('failed', false);
    const own = this.ownView!;
    own.queued = result.state === 'queued';
    own.own = undefined;
    this.chosen = new Set();
    this.view = 'done';
    this.say(l.t(own.queued ? 'queued' : 'sent'), own.queued ? 'info' : 'success');
    if (!own.queued && this.live) await own.manage('view');
    this.shifts.refresh();
    void this.focusLater('.done h3');
  }

  /** A queued sign-up reached the collector (or was refused) while the page is still open. */
  private onLate(_envelope: EnvelopeBase, result: DeliveryResult) {
    if (this.view === 'done' && this.ownView?.queued) void this.settle(result);
  }

  /** @internal Back to the list, for another sign-up. */
  readonly another = () => {
    this.view = 'list';
    this.shifts.refresh();
    this.say('');
  };

  /** Load the confirmation/link module and start a view for this token. */
  private async openOwn(token: string): Promise<OwnView> {
    const { OwnView, ownNl, lazyStyles } = await import('./own-view.js');
    this.l.add({ nl: ownNl });
    this.adoptLate(lazyStyles);
    return (this.ownView = new OwnView(this, token));
  }

  private readonly openApply = async () => {
    const { ApplyForm, applyNl, lazyStyles } = await import('./apply-form.js');
    this.l.add({ nl: applyNl });
    this.adoptLate(lazyStyles);
    this.applyForm ??= new ApplyForm(this, () => {
      this.view = 'list';
    });
    this.view = 'apply';
    void this.focusLater('.apply h3');
  };

  /** @internal */
  async focusLater(selector: string) {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
