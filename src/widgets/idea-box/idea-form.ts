/**
 * The form of `<idea-box>`: native, labelled inputs in the shadow root, an error summary that
 * links to each invalid field, errors tied with `aria-describedby`/`aria-invalid`.
 */
import { html, nothing } from 'lit';
import { CATEGORY_MAX, CONTACT_MAX, IDEA_TEXT_MAX, IDEA_TEXT_MIN, NAME_MAX, RESPONDENT_ROLES } from '../../schema/constants.js';
import { categoryLabel, defaultCategories } from './categories.js';
import type { IdeaBox } from './idea-box.js';
import { IDEA_FIELDS, needsConsent, type FieldErrors, type IdeaField, type IdeaFormValues } from './form-values.js';
import type { IdeaBoxStrings } from './strings.js';

/** `prepare` runs when the visitor starts on the form (focus or typing): it fetches the sending part. */
export function renderForm(h: IdeaBox, v: IdeaFormValues, errors: FieldErrors, onSubmit: (e: SubmitEvent) => void, prepare: () => void) {
  const { l } = h;
  const sending = h.phase === 'sending';
  const invalid = IDEA_FIELDS.filter((f) => errors[f]);
  const message = (f: IdeaField) => l.t(errors[f]!, { min: IDEA_TEXT_MIN, max: IDEA_TEXT_MAX });
  const error = (f: IdeaField) => (errors[f] ? html`<p class="error" id="${f}-error">${message(f)}</p>` : nothing);
  const describedBy = (f: IdeaField, ...ids: string[]) => {
    const list = [...ids, errors[f] ? `${f}-error` : ''].filter(Boolean).join(' ');
    return list || nothing;
  };
  const ariaInvalid = (f: IdeaField) => (errors[f] ? 'true' : nothing);
  const optional = html` <span class="optional">${l.t('optional')}</span>`;
  const text =
    <K extends keyof IdeaFormValues>(key: K) =>
    (e: Event) =>
      h.setValue(key, (e.target as HTMLInputElement).value as IdeaFormValues[K]);
  const check = (key: 'wantsToHelp' | 'consent') => (e: Event) => h.setValue(key, (e.target as HTMLInputElement).checked);
  const categories = h.categories?.length ? h.categories : defaultCategories();
  const builtIn = (value: string) => {
    const key = `category.${value}` as keyof IdeaBoxStrings;
    return l.has(key) ? l.t(key) : undefined;
  };

  return html`<form part="form" class="form" novalidate @submit=${onSubmit} @focusin=${prepare} @input=${prepare}>
    ${h.send?.renderNotices(invalid, message)}

    <div part="field" class="field">
      <label part="label" for="idea">${l.t('ideaLabel')}</label>
      <p part="hint" class="hint" id="idea-hint">${l.t('ideaHint')}</p>
      <textarea
        id="idea"
        name="text"
        part="input textarea"
        dir="auto"
        rows="5"
        required
        minlength=${IDEA_TEXT_MIN}
        maxlength=${IDEA_TEXT_MAX}
        aria-invalid=${ariaInvalid('idea')}
        aria-describedby=${describedBy('idea', 'idea-hint', 'idea-count')}
        .value=${v.text}
        @input=${text('text')}
      ></textarea>
      <p part="counter" class="counter hint" id="idea-count">${l.t('charCount', { count: v.text.length, max: IDEA_TEXT_MAX })}</p>
      <p class="visually-hidden" aria-live="polite">${h.counterAnnouncement}</p>
      ${error('idea')}
    </div>

    <div part="field" class="field">
      <label part="label" for="category">${l.t('categoryLabel')}${optional}</label>
      <select
        id="category"
        name="category"
        part="input"
        aria-invalid=${ariaInvalid('category')}
        aria-describedby=${describedBy('category')}
        .value=${v.category}
        @change=${text('category')}
      >
        <option value="">${l.t('categoryNone')}</option>
        ${categories.map(
          (c) =>
            html`<option value=${c.value.slice(0, CATEGORY_MAX)} ?selected=${c.value === v.category}>
              ${categoryLabel(c, l.locale, builtIn)}
            </option>`,
        )}
      </select>
      ${error('category')}
    </div>

    <div part="field" class="field">
      <label part="label" for="role">${l.t('roleLabel')}${optional}</label>
      <select id="role" name="role" part="input" .value=${v.role} @change=${text('role')}>
        <option value="">${l.t('roleNone')}</option>
        ${RESPONDENT_ROLES.map((r) => html`<option value=${r} ?selected=${r === v.role}>${l.t(`role.${r}`)}</option>`)}
      </select>
    </div>

    <div part="field" class="field check">
      <input id="help" name="wantsToHelp" type="checkbox" part="input" .checked=${v.wantsToHelp} @change=${check('wantsToHelp')} />
      <label part="label" for="help">${l.t('helpLabel')}</label>
    </div>

    <div part="field" class="field">
      <label part="label" for="name">${l.t('nameLabel')}${optional}</label>
      <input
        id="name"
        name="name"
        part="input"
        autocomplete="name"
        dir="auto"
        maxlength=${NAME_MAX}
        aria-invalid=${ariaInvalid('name')}
        aria-describedby=${describedBy('name')}
        .value=${v.name}
        @input=${text('name')}
      />
      ${error('name')}
    </div>

    <div part="field" class="field">
      <label part="label" for="contact">${l.t('contactLabel')}${optional}</label>
      <p part="hint" class="hint" id="contact-hint">${l.t('contactHint')}</p>
      <input
        id="contact"
        name="contact"
        part="input"
        autocomplete="email"
        maxlength=${CONTACT_MAX}
        aria-invalid=${ariaInvalid('contact')}
        aria-describedby=${describedBy('contact', 'contact-hint')}
        .value=${v.contact}
        @input=${text('contact')}
      />
      ${error('contact')}
    </div>

    ${
      needsConsent(v)
        ? html`<div part="field" class="field check">
          <input
            id="consent"
            name="consent"
            type="checkbox"
            part="input"
            required
            aria-invalid=${ariaInvalid('consent')}
            aria-describedby=${describedBy('consent')}
            .checked=${v.consent}
            @change=${check('consent')}
          />
          <label part="label" for="consent">${l.t('consentLabel')}</label>
          ${error('consent')}
        </div>`
        : nothing
    }

    <div class="trap" aria-hidden="true" inert>
      <label for="website">Website</label>
      <input id="website" name="website" tabindex="-1" autocomplete="off" .value=${v.honeypot} @input=${text('honeypot')} />
    </div>

    <button type="submit" part="button submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
      ${l.t(sending ? 'sending' : 'submit')}
    </button>
  </form>`;
}
