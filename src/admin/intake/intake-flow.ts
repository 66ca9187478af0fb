import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { INTAKE_LABEL_MAX, INTAKE_MAX_OPTIONS, isSensitive, type IntakeFlow } from '../../schema/welcome-intake-flow.js';
import { AdminElement } from '../shared/admin-element.js';
import { adminStyles } from '../shared/admin.styles.js';
import type { AdminApiError, IntakeFlows, ManageApi } from '../shared/api.js';
import { problemText } from '../exports/exports.js';
import {
  checkFlowDraft,
  draftOfFlow,
  flowOfDraft,
  hasOwnOptions,
  intakeFieldOfPath,
  withConsentFollowingContact,
  type FlowDraft,
  type QuestionDraft,
  type StepDraft,
  type TextDraft,
} from './intake-draft.js';
import { focusMoved, moved, orderButtons } from '../shared/list-order.js';
import { manageFormStyles } from '../shared/manage-styles.js';
import { saveFailedText } from '../shared/save-failed.js';
import type { AdminStrings } from '../shared/strings.js';

declare global {
  interface HTMLElementTagNameMap {
    'bk-admin-intake-flow': AdminIntakeFlow;
  }
}

const LANGUAGE_WORD = { nl: 'inDutch', en: 'inEnglish', ar: 'inArabic' } as const;
const textOf = (t: TextDraft) => t.nl || t.en || t.ar;

/**
 * The welcome intake's questions: per step and question the texts in Dutch and
 * English, questions on or off, steps, questions and choices reordered with buttons, choices
 * added, changed or removed; saving makes a new version the widget uses from then on. "Back to the
 * built-in questions" saves the built-in flow as the newest version. The collector's 422 issues are
 * shown at their fields. With `read` only, the questions are listed.
 *
 * @summary Intake flow section.
 */
export class AdminIntakeFlow extends AdminElement {
  static override styles = [
    adminStyles,
    manageFormStyles,
    css`
      .question.is-off {
        opacity: 0.85;
        border-style: dashed;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
        gap: 0 1em;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    api: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    flows: { state: true },
    draft: { state: true },
    issues: { state: true },
    message: { state: true },
    failed: { state: true },
    saving: { state: true },
    confirmingReset: { state: true },
  };

  declare api: ManageApi | undefined;
  declare canEdit: boolean;
  declare flows: IntakeFlows | undefined;
  declare draft: FlowDraft | undefined;
  declare issues: Record<string, string>;
  declare message: string;
  declare failed: boolean;
  declare saving: boolean;
  declare confirmingReset: boolean;
  private loadedFrom: ManageApi | undefined;

  constructor() {
    super();
    this.canEdit = false;
    this.issues = {};
    this.message = '';
    this.failed = false;
    this.saving = false;
    this.confirmingReset = false;
  }

  protected override willUpdate(): void {
    if (this.api && this.api !== this.loadedFrom) {
      this.loadedFrom = this.api;
      void this.load();
    }
  }

  /** The flow the widget gets now: the newest saved version, else the built-in one. */
  get current(): IntakeFlow | undefined {
    return this.flows && (this.flows.flows.at(-1)?.flow ?? this.flows.builtIn);
  }

  async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.flows = await this.api.intakeFlows();
      this.draft = withConsentFollowingContact(draftOfFlow(this.current!, this.flows.builtIn));
      this.issues = {};
    } catch (error) {
      this.failed = true;
      this.message = this.l.t('resultsFailed', { message: problemText(this.l, error) });
    }
  }

  private set(draft: FlowDraft) {
    this.draft = withConsentFollowingContact(draft);
  }

  private setStep(si: number, change: (s: StepDraft) => StepDraft) {
    this.set({ ...this.draft!, steps: this.draft!.steps.map((s, k) => (k === si ? change(s) : s)) });
  }

  private setQuestion(si: number, qi: number, change: (q: QuestionDraft) => QuestionDraft) {
    this.setStep(si, (s) => ({ ...s, questions: s.questions.map((q, k) => (k === qi ? change(q) : q)) }));
  }

  private async send(flow: Omit<IntakeFlow, 'version'>, where?: ReturnType<typeof flowOfDraft>) {
    if (!this.api || this.saving) return;
    this.saving = true;
    this.failed = false;
    this.message = this.l.t('saving');
    try {
      const version = await this.api.saveIntakeFlow(flow);
      await this.load();
      this.message = this.l.t('intakeSaved', { version });
    } catch (error) {
      const err = error as AdminApiError;
      this.issues = where ? Object.fromEntries((err.issues ?? []).map((i) => [intakeFieldOfPath(i.path, where), i.message])) : {};
      this.failed = true;
      this.message = saveFailedText(this.l, err);
    } finally {
      this.saving = false;
    }
    await this.updateComplete;
    (
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]') ??
      this.renderRoot.querySelector<HTMLElement>('.status')
    )?.focus();
  }

  private save(e: SubmitEvent) {
    e.preventDefault();
    const local = checkFlowDraft(this.draft!);
    if (local.length) {
      this.issues = Object.fromEntries(
        local.map((i) => [i.field, i.key === 'required' ? this.l.t('required') : this.l.t('dependsOnOff', { name: i.name ?? '' })]),
      );
      this.failed = true;
      this.message = this.l.t('checkFields');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]')?.focus());
      return;
    }
    const saved = flowOfDraft(this.draft!);
    void this.send(saved.flow, saved);
  }

  private async reset(confirmed: boolean) {
    if (!confirmed) {
      this.confirmingReset = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.reset-no')?.focus();
      return;
    }
    this.confirmingReset = false;
    const { version: _version, ...builtIn } = this.flows!.builtIn;
    await this.send(builtIn);
  }

  private error(field: string) {
    const text = this.issues[field];
    return text ? html`<p class="error" id="${field}-error">${text}</p>` : nothing;
  }

  /** A text in Dutch, English and Arabic side by side: three labelled inputs; a problem is shown under them. */
  private pair(field: string, label: string, t: TextDraft, set: (t: TextDraft) => void, multiline = false) {
    const l = this.l;
    const input = (lang: 'nl' | 'en' | 'ar') => {
      const id = `${field}-${lang}`;
      const invalid = lang === 'nl' && !!this.issues[field];
      const update = (e: Event) => set({ ...t, [lang]: (e.target as HTMLInputElement).value });
      return html`<div class="field">
        <label for=${id}>${label} (${l.t(LANGUAGE_WORD[lang])})</label>
        ${
          multiline
            ? html`<textarea id=${id} lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'} rows="2" maxlength=${INTAKE_LABEL_MAX} .value=${t[lang]} aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${invalid ? `${field}-error` : nothing} @input=${update}></textarea>`
            : html`<input id=${id} lang=${lang} dir=${lang === 'ar' ? 'rtl' : 'ltr'} maxlength=${INTAKE_LABEL_MAX} .value=${t[lang]} aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby=${invalid ? `${field}-error` : nothing} @input=${update} />`
        }
      </div>`;
    };
    return html`<div class="pair">${input('nl')} ${input('en')} ${input('ar')}</div>${this.error(field)}`;
  }

  private order(list: string, index: number, count: number, name: string, onMove: (i: number, delta: number) => void) {
    const l = this.l;
    return orderButtons({
      list,
      index,
      count,
      upLabel: l.t('moveUpNamed', { name }),
      downLabel: l.t('moveDownNamed', { name }),
      up: l.t('moveUp'),
      down: l.t('moveDown'),
      onMove: async (i, delta) => {
        onMove(i, delta);
        await this.updateComplete;
        focusMoved(this.renderRoot, list, i, delta);
      },
    });
  }

  private renderChoices(si: number, qi: number, q: QuestionDraft) {
    const l = this.l;
    const key = `s${si}-q${qi}`;
    const setOptions = (options: QuestionDraft['options']) => this.setQuestion(si, qi, (x) => ({ ...x, options }));
    return html`<fieldset>
      <legend>${l.t('intakeOptions')}</legend>
      <ol class="items">
        ${q.options.map(
          (o, oi) => html`<li>
            ${this.pair(`${key}-o${oi}`, l.t('optionN', { n: oi + 1 }), o.label, (label) => setOptions(q.options.map((x, k) => (k === oi ? { ...x, label } : x))))}
            ${
              q.source.type === 'cards'
                ? html`<div class="field"><label for="${key}-o${oi}-icon">${l.t('intakeIcon')}</label>
                  <input id="${key}-o${oi}-icon" maxlength="16" .value=${o.icon}
                    @input=${(e: Event) => setOptions(q.options.map((x, k) => (k === oi ? { ...x, icon: (e.target as HTMLInputElement).value } : x)))} /></div>`
                : nothing
            }
            <div class="row">
              ${this.order(`${key}-o`, oi, q.options.length, textOf(o.label) || l.t('itemN', { n: oi + 1 }), (i, d) => setOptions(moved(q.options, i, d)))}
              ${
                q.options.length > 1
                  ? html`<button type="button" aria-label=${l.t('removeNamed', { name: textOf(o.label) || l.t('itemN', { n: oi + 1 }) })}
                    @click=${() => setOptions(q.options.filter((_, k) => k !== oi))}>${l.t('remove')}</button>`
                  : nothing
              }
            </div>
          </li>`,
        )}
      </ol>
      ${
        q.options.length < INTAKE_MAX_OPTIONS
          ? html`<button type="button" class="add-option" @click=${async () => {
              setOptions([...q.options, { value: '', label: { nl: '', en: '', ar: '', rest: {} }, icon: '' }]);
              await this.updateComplete;
              this.renderRoot.querySelector<HTMLElement>(`#${key}-o${q.options.length}-nl`)?.focus();
            }}>${l.t('addOption')}</button>`
          : nothing
      }
    </fieldset>`;
  }

  private renderQuestion(si: number, qi: number, q: QuestionDraft, count: number) {
    const l = this.l;
    const key = `s${si}-q${qi}`;
    const name = textOf(q.label);
    const consent = q.source.type === 'consent';
    return html`<li class="question ${q.on ? '' : 'is-off'}" data-question=${q.source.id}>
      <fieldset data-invalid=${this.issues[key] ? 'true' : nothing} tabindex=${this.issues[key] ? '-1' : nothing} aria-describedby=${this.issues[key] ? `${key}-error` : nothing}>
        <legend>${name}</legend>
        <p class="row">
          <span class="badge">${l.t(`qtype.${q.source.type}` as keyof AdminStrings)}</span>
          ${isSensitive(q.source) ? html`<span class="badge">${l.t('intakeSensitive')}</span>` : nothing}
        </p>
        ${
          consent
            ? html`<p class="hint">${l.t('intakeConsentFollows')}</p>`
            : html`<div class="check"><input type="checkbox" id="${key}-on" .checked=${q.on}
              @change=${(e: Event) => this.setQuestion(si, qi, (x) => ({ ...x, on: (e.target as HTMLInputElement).checked }))} />
              <label for="${key}-on">${l.t('intakeAsk')}</label></div>`
        }
        ${this.error(key)}
        ${
          q.on
            ? html`${this.pair(`${key}-label`, l.t('intakeQuestion'), q.label, (label) => this.setQuestion(si, qi, (x) => ({ ...x, label })), true)}
            ${this.pair(`${key}-hint`, l.t('intakeHint'), q.hint, (hint) => this.setQuestion(si, qi, (x) => ({ ...x, hint })))}
            ${hasOwnOptions(q.source) ? this.renderChoices(si, qi, q) : nothing}`
            : nothing
        }
        <div class="row">
          ${this.order(`s${si}-q`, qi, count, name, (i, d) => this.setStep(si, (s) => ({ ...s, questions: moved(s.questions, i, d) })))}
        </div>
      </fieldset>
    </li>`;
  }

  private renderStep(s: StepDraft, si: number) {
    const l = this.l;
    const d = this.draft!;
    const key = `s${si}`;
    return html`<li>
      <fieldset data-invalid=${this.issues[key] ? 'true' : nothing} tabindex=${this.issues[key] ? '-1' : nothing} aria-describedby=${this.issues[key] ? `${key}-error` : nothing}>
        <legend>${l.t('intakeStepN', { n: si + 1, title: textOf(s.title) })}</legend>
        ${this.error(key)}
        ${this.pair(`${key}-title`, l.t('intakeStepTitle'), s.title, (title) => this.setStep(si, (x) => ({ ...x, title })))}
        ${this.pair(`${key}-intro`, l.t('intakeStepIntro'), s.intro, (intro) => this.setStep(si, (x) => ({ ...x, intro })), true)}
        <div class="row">${this.order('step', si, d.steps.length, textOf(s.title), (i, delta) => this.set({ ...d, steps: moved(d.steps, i, delta) }))}</div>
        <ol class="items">${s.questions.map((q, qi) => this.renderQuestion(si, qi, q, s.questions.length))}</ol>
      </fieldset>
    </li>`;
  }

  private renderForm(d: FlowDraft) {
    const l = this.l;
    const set = (key: 'title' | 'intro' | 'contactPerson') => (t: TextDraft) => this.set({ ...d, [key]: t });
    return html`<form @submit=${this.save} novalidate>
      ${this.pair('title', l.t('intakeTitle'), d.title, set('title'))}
      ${this.pair('intro', l.t('intakeIntro'), d.intro, set('intro'), true)}
      ${this.pair('contactPerson', l.t('intakeContactPerson'), d.contactPerson, set('contactPerson'))}
      <p class="hint">${l.t('intakeOtherLanguages')}</p>
      ${this.error('steps')}
      <ol class="items">${d.steps.map((s, si) => this.renderStep(s, si))}</ol>
      <p class="status" tabindex="-1" data-tone=${this.failed ? 'error' : 'success'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
      <div class="row">
        <button class="primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>${l.t('save')}</button>
        <button type="button" class="reset" @click=${() => this.reset(false)}>${l.t('intakeReset')}</button>
      </div>
      ${
        this.confirmingReset
          ? html`<div role="group" aria-labelledby="reset-text">
            <p id="reset-text"><strong>${l.t('intakeResetConfirm')}</strong></p>
            <div class="row">
              <button type="button" class="danger reset-yes" @click=${() => this.reset(true)}>${l.t('intakeResetYes')}</button>
              <button type="button" class="reset-no" @click=${() => (this.confirmingReset = false)}>${l.t('confirmNo')}</button>
            </div>
          </div>`
          : nothing
      }
    </form>`;
  }

  private renderReadOnly(flow: IntakeFlow) {
    const l = this.l;
    const draft = draftOfFlow(flow, flow);
    return html`<p class="hint">${l.t('noManageModerate')}</p>
      <ol class="items">
        ${draft.steps.map((s) => html`<li><strong>${textOf(s.title)}</strong><ul>${s.questions.map((q) => html`<li>${textOf(q.label)}</li>`)}</ul></li>`)}
      </ol>`;
  }

  override render() {
    const l = this.l;
    const saved = this.flows?.flows.at(-1);
    return html`<section aria-labelledby="intake-heading">
      <h2 id="intake-heading">${l.t('intakeFlowHeading')}</h2>
      <p class="hint">${l.t('intakeIntroText')}</p>
      ${this.flows ? html`<p>${saved ? l.t('intakeVersion', { version: saved.version, date: this.formatDate(saved.createdAt) }) : l.t('intakeBuiltIn')}</p>` : nothing}
      ${!this.flows && !this.failed ? html`<p>${l.t('loading')}</p>` : nothing}
      ${this.draft && this.canEdit ? this.renderForm(this.draft) : nothing}
      ${this.current && !this.canEdit ? this.renderReadOnly(this.current) : nothing}
      ${!this.draft && this.message ? html`<p role="alert">${this.message}</p>` : nothing}
    </section>`;
  }
}
