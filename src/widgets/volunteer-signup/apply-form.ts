/**
 * The general sign-up ("ik wil vrijwilliger worden"), loaded when a visitor opens it. A native
 * form read with FormData on submit; sent through the outbox like an idea, so it survives
 * being offline. Only a contact is required.
 */
import { localized } from '../../core/localized.js';
import { dutchText } from '../../schema/localized-text.js';
import { html, nothing } from 'lit';
import { submissionRequest } from '../../core/request.js';
import { buildEnvelope } from '../../core/envelope.js';
import { isPlausibleContact } from '../../schema/constants.js';
import type { VolunteerApplicationPayloadInput } from '../../schema/volunteer.js';
import { AVAILABILITY_SLOTS, DAY_PARTS, VOLUNTEER_MOTIVATIONS, WEEKDAYS_NL } from '../../schema/volunteer-constants.js';
import type { VolunteerSignup } from './volunteer-signup.js';
export { lazyStyles } from './lazy.styles.js';

export { applyNl } from './apply-strings.js';

export class ApplyForm {
  private error = '';
  private done = false;
  private readonly startedAt = performance.now();

  constructor(
    private readonly host: VolunteerSignup,
    private readonly back: () => void,
  ) {}

  render() {
    const { l } = this.host;
    const roles = (this.host.roster ?? this.host.loaded)?.roles ?? [];
    const optional = html` <span class="optional">${l.t('optional')}</span>`;
    const check = (name: string, value: string, label: unknown) =>
      html`<label class="check"><input part="input" type="checkbox" name=${name} value=${value} /> ${label}</label>`;
    const text = (name: string, label: string, hint = '', type = 'text') =>
      html`<div class="field"><label for=${name}>${label}${optional}</label>${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
        ${
          type === 'area'
            ? html`<textarea part="input" id=${name} name=${name} dir="auto" maxlength="1000" rows="3" aria-describedby=${hint ? `${name}-hint` : nothing}></textarea>`
            : html`<input part="input" id=${name} name=${name} type=${type} dir="auto" aria-describedby=${hint ? `${name}-hint` : nothing} />`
        }</div>`;
    if (this.done) {
      return html`<div part="done" class="done apply"><h3 tabindex="-1">${l.t('applyDone')}</h3>
        <button part="button" type="button" @click=${this.back}>${l.t('applyBack')}</button></div>`;
    }
    return html`<form part="form" class="form apply" novalidate @submit=${this.submit}>
      <h3 tabindex="-1">${l.t('applyHeading')}</h3>
      <p>${l.t('applyIntro')}</p>
      ${text('firstName', l.t('nameLabel'))}
      <div class="field">
        <label for="apply-contact">${l.t('contactLabel')}</label>
        <input part="input" id="apply-contact" name="contact" autocomplete="email" maxlength="200" aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? 'apply-contact-error' : nothing} />
        ${this.error ? html`<p class="error" id="apply-contact-error" role="alert">${this.error}</p>` : nothing}
      </div>
      <fieldset><legend>${l.t('availabilityLabel')}${optional}</legend>
        <div class="grid">${WEEKDAYS_NL.map(
          (
            d,
          ) => html`<div class="day-row" role="group" aria-label=${l.t(`day.${d}` as never)}><span aria-hidden="true">${l.t(`day.${d}` as never)}</span>
            ${DAY_PARTS.map((p) =>
              // "maandag ochtend", not seven times "ochtend": each box is named on its own.
              check(
                'availability',
                `${d}-${p}`,
                html`<span class="visually-hidden">${l.t(`day.${d}` as never)} </span>${l.t(`part.${p}` as never)}`,
              ),
            )}</div>`,
        )}</div>
      </fieldset>
      ${roles.length ? html`<fieldset><legend>${l.t('rolesLabel')}${optional}</legend>${roles.map((r) => check('roles', dutchText(r.name), html`<bdi>${localized(r.name, l.locale)}</bdi>`))}</fieldset>` : nothing}
      ${text('skills', l.t('skillsLabel'), l.t('skillsHint'), 'area')}
      <fieldset><legend>${l.t('motivationLabel')}${optional}</legend>${VOLUNTEER_MOTIVATIONS.map((m) => check('motivation', m, l.t(`motivation.${m}` as never)))}</fieldset>
      ${text('needs', l.t('needsLabel'), l.t('needsHint'), 'area')}
      ${check('preferOutsideNeighbourhood', 'yes', l.t('outsideLabel'))}
      ${text('startDate', l.t('startLabel'), '', 'date')} ${text('endDate', l.t('endLabel'), l.t('endHint'), 'date')}
      <div><button part="button submit" class="primary" type="submit">${l.t('applySubmit')}</button>
        <button part="button" type="button" @click=${this.back}>${l.t('applyBack')}</button></div>
    </form>`;
  }

  private readonly submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const host = this.host;
    const cfg = host.resolvedEndpoint;
    if (!cfg) return;
    const form = new FormData(e.target as HTMLFormElement);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    const contact = value('contact') ?? '';
    if (!isPlausibleContact(contact)) {
      this.error = host.l.t('errContact');
      host.requestUpdate();
      return void host.focusLater('#apply-contact');
    }
    this.error = '';
    const all = (k: string) => form.getAll(k).map(String);
    const envelope = buildEnvelope<VolunteerApplicationPayloadInput>({
      site: cfg.site,
      widget: 'volunteer-signup',
      locale: host.l.lang,
      data: {
        kind: 'application',
        firstName: value('firstName'),
        contact,
        roles: all('roles'),
        availability: all('availability').filter((a) => (AVAILABILITY_SLOTS as readonly string[]).includes(a)),
        skills: value('skills'),
        motivation: all('motivation') as VolunteerApplicationPayloadInput['motivation'],
        needs: value('needs'),
        preferOutsideNeighbourhood: form.has('preferOutsideNeighbourhood'),
        startDate: value('startDate'),
        endDate: value('endDate'),
      },
      trap: { honeypot: '', elapsedMs: Math.max(0, Math.round(performance.now() - this.startedAt)) },
    });
    const result = await host.delivery.deliver(envelope, submissionRequest(cfg, envelope));
    // Sent or kept in the outbox: either way the visitor is done here.
    this.done = result.state === 'sent' || result.state === 'queued';
    if (result.state === 'failed') this.error = host.l.t('failed');
    host.requestUpdate();
    void host.focusLater(this.done ? '.apply h3' : '#apply-contact');
  };
}
