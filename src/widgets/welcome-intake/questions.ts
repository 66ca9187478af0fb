/**
 * One question of `<welcome-intake>` as native, labelled controls in the shadow root: a fieldset
 * with a legend for choices (large rows, or cards with an icon *and* a label), inputs with their
 * labels for text and contact details. Errors are tied with `aria-describedby`/`aria-invalid`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../core/localize.js';
import {
  INTAKE_CONTACT_CHANNELS,
  INTAKE_CONTACT_DETAIL_MAX,
  INTAKE_LONG_TEXT_MAX,
  INTAKE_SHORT_TEXT_MAX,
  localText,
  optionValues,
  type IntakeAnswer,
  type IntakeContactAnswer,
  type IntakeErrorKey,
  type IntakeQuestion,
} from '../../schema/welcome-intake-flow.js';
import type { IntakeStrings } from './strings.js';

export interface QuestionContext {
  l: LocalizeController<IntakeStrings>;
  answer: IntakeAnswer | undefined;
  error: IntakeErrorKey | undefined;
  set: (value: IntakeAnswer | undefined) => void;
  /** A kiosk: no field may offer or remember autofill, so the next visitor sees nothing of this one. */
  kiosk?: boolean;
}

/** The id of the control an error summary link focuses. */
export function controlId(q: IntakeQuestion, error?: IntakeErrorKey): string {
  if (q.type === 'contact') return error && error !== 'errUnknownOption' ? `q-${q.id}-detail` : `q-${q.id}-0`;
  if (q.type === 'short-text' || q.type === 'long-text' || q.type === 'consent') return `q-${q.id}`;
  return `q-${q.id}-0`;
}

/** Built-in labels for the fixed choices of `visibility`, `on-behalf` and the contact channel. */
function optionLabel(q: IntakeQuestion, value: string, c: QuestionContext): string {
  const l = c.l;
  if (q.type === 'visibility') return l.t(`visibility.${value}` as keyof IntakeStrings);
  if (q.type === 'on-behalf') return l.t(`onBehalf.${value}` as keyof IntakeStrings);
  return localText(q.options?.find((o) => o.value === value)?.label, l.locale);
}

export function renderQuestion(q: IntakeQuestion, c: QuestionContext): TemplateResult {
  const { l, error } = c;
  const id = `q-${q.id}`;
  const label = localText(q.label, l.locale);
  const hintText = localText(q.hint, l.locale) || (q.type === 'cards' || q.type === 'multiple' ? l.t('chooseMany') : '');
  const hint = hintText ? html`<p part="hint" class="hint" id="${id}-hint" dir="auto">${hintText}</p>` : nothing;
  const err = error ? html`<p part="error" class="error" id="${id}-error">${l.t(error)}</p>` : nothing;
  const describedBy = [hintText ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = error ? 'true' : nothing;
  const optional = html` <span class="optional">${l.t('optional')}</span>`;
  const autocomplete = c.kiosk ? 'off' : nothing;

  switch (q.type) {
    case 'short-text':
    case 'long-text': {
      const value = typeof c.answer === 'string' ? c.answer : '';
      const input = (e: Event) => c.set((e.target as HTMLInputElement).value);
      return html`<div part="field" class="field">
        <label part="label" for=${id}><bdi>${label}</bdi>${optional}</label>
        ${hint}
        ${
          q.type === 'short-text'
            ? html`<input id=${id} part="input" dir="auto" autocomplete=${autocomplete} maxlength=${INTAKE_SHORT_TEXT_MAX} aria-invalid=${invalid} aria-describedby=${describedBy} .value=${value} @input=${input} />`
            : html`<textarea id=${id} part="input textarea" dir="auto" rows="4" autocomplete=${autocomplete} maxlength=${INTAKE_LONG_TEXT_MAX} aria-invalid=${invalid} aria-describedby=${describedBy} .value=${value} @input=${input}></textarea>`
        }
        ${err}
      </div>`;
    }
    case 'consent':
      return html`<div part="field" class="field check">
        <input id=${id} type="checkbox" part="input" aria-invalid=${invalid} aria-describedby=${describedBy} .checked=${c.answer === true} @change=${(e: Event) => c.set((e.target as HTMLInputElement).checked || undefined)} />
        <label part="label" for=${id} dir="auto">${label}</label>
        ${err}
      </div>`;
    case 'contact':
      return renderContact(q, c, label, hint, err, describedBy);
    default: {
      const multi = q.type === 'multiple' || q.type === 'cards';
      const chosen = Array.isArray(c.answer) ? (c.answer as readonly string[]) : typeof c.answer === 'string' ? [c.answer] : [];
      const toggle = (value: string) => (e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        if (!multi) return c.set(value);
        const next = on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value);
        c.set(next.length ? next : undefined);
      };
      const cards = q.type === 'cards';
      return html`<fieldset part="field" class="field choices ${cards ? 'cards' : ''}" aria-describedby=${describedBy}>
        <legend part="label"><bdi>${label}</bdi>${optional}</legend>
        ${hint}
        <div class="options">
          ${optionValues(q).map((value, n) => {
            const icon = q.options?.find((o) => o.value === value)?.icon;
            return html`<label part=${cards ? 'card' : 'option'} class=${cards ? 'card' : 'option'}>
              <input
                id="${id}-${n}"
                type=${multi ? 'checkbox' : 'radio'}
                name=${id}
                part="input"
                .value=${value}
                .checked=${chosen.includes(value)}
                aria-invalid=${invalid}
                @change=${toggle(value)}
              />
              ${icon ? html`<span class="icon" aria-hidden="true">${icon}</span>` : nothing}
              <span class="text" dir="auto">${optionLabel(q, value, c)}</span>
            </label>`;
          })}
        </div>
        ${err}
      </fieldset>`;
    }
  }
}

function renderContact(
  q: IntakeQuestion,
  c: QuestionContext,
  label: string,
  hint: TemplateResult | typeof nothing,
  err: TemplateResult | typeof nothing,
  describedBy: string | typeof nothing,
): TemplateResult {
  const { l, error } = c;
  const id = `q-${q.id}`;
  const optional = html` <span class="optional">${l.t('optional')}</span>`;
  const a = (c.answer as IntakeContactAnswer | undefined) ?? { channel: 'none' as const };
  const set = (patch: Partial<IntakeContactAnswer>) => c.set({ ...a, ...patch });
  const chosen = c.answer === undefined ? undefined : a.channel;
  const detail = a.channel === 'phone' || a.channel === 'email';
  const detailError = error && error !== 'errUnknownOption';
  return html`<fieldset part="field" class="field choices" aria-describedby=${describedBy}>
      <legend part="label"><bdi>${label}</bdi>${optional}</legend>
      ${hint}
      <div class="options">
        ${INTAKE_CONTACT_CHANNELS.map(
          (channel, n) => html`<label part="option" class="option">
            <input id="${id}-${n}" type="radio" name=${id} part="input" .value=${channel} .checked=${chosen === channel} @change=${() => set({ channel })} />
            <span class="text">${l.t(`channel.${channel}` as keyof IntakeStrings)}</span>
          </label>`,
        )}
      </div>
      ${detailError ? nothing : err}
    </fieldset>
    ${
      detail
        ? html`<div part="field" class="field">
          <label part="label" for="${id}-detail">${l.t(a.channel === 'phone' ? 'phoneLabel' : 'emailLabel')}</label>
          <input
            id="${id}-detail"
            part="input"
            type=${a.channel === 'phone' ? 'tel' : 'email'}
            autocomplete=${c.kiosk ? 'off' : a.channel === 'phone' ? 'tel' : 'email'}
            maxlength=${INTAKE_CONTACT_DETAIL_MAX}
            aria-invalid=${detailError ? 'true' : nothing}
            aria-describedby=${detailError ? `${id}-error` : nothing}
            .value=${a.detail ?? ''}
            @input=${(e: Event) => set({ detail: (e.target as HTMLInputElement).value })}
          />
          ${detailError ? err : nothing}
        </div>`
        : nothing
    }
    ${
      chosen && chosen !== 'none'
        ? html`<div part="field" class="field">
          <label part="label" for="${id}-note">${l.t('noteLabel')} <span class="optional">${l.t('optional')}</span></label>
          <p part="hint" class="hint" id="${id}-note-hint">${l.t('noteHint')}</p>
          <input id="${id}-note" part="input" dir="auto" autocomplete=${c.kiosk ? 'off' : nothing} maxlength=${INTAKE_SHORT_TEXT_MAX} aria-describedby="${id}-note-hint" .value=${a.note ?? ''} @input=${(e: Event) => set({ note: (e.target as HTMLInputElement).value })} />
        </div>`
        : nothing
    }`;
}
