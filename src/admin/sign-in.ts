import { html, type PropertyDeclarations } from 'lit';
import { AdminElement } from './shared/admin-element.js';
import { adminStyles } from './shared/admin.styles.js';
import type { AdminSession } from './session.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-sign-in': CustomEvent<AdminSession>;
  }
  interface HTMLElementTagNameMap {
    'bk-admin-sign-in': AdminSignIn;
  }
}

/**
 * The sign-in form: a coordinator token and a site slug. It only asks; the app checks them with
 * the collector and sets `error` or moves on.
 *
 * @summary Coordinator sign-in.
 * @event bk-sign-in - `detail: {token, site}` when the form is sent with both filled in.
 */
export class AdminSignIn extends AdminElement {
  static override styles = adminStyles;
  static override properties: PropertyDeclarations = {
    ...AdminElement.properties,
    site: {},
    busy: { type: Boolean },
    error: {},
    missing: { state: true },
  };

  declare site: string;
  declare busy: boolean;
  declare error: string;
  declare missing: string[];

  constructor() {
    super();
    this.site = '';
    this.busy = false;
    this.error = '';
    this.missing = [];
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const token = String(data.get('token') ?? '').trim();
    const site = String(data.get('site') ?? '')
      .trim()
      .toLowerCase();
    this.missing = [!token && 'token', !site && 'site'].filter((x): x is string => !!x);
    if (this.missing.length) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${this.missing[0]}`)?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('bk-sign-in', { detail: { token, site }, bubbles: true, composed: true }));
  }

  private fieldError(name: string) {
    return this.missing.includes(name) ? html`<p class="error" id="${name}-error">${this.l.t('required')}</p>` : '';
  }

  override render() {
    const l = this.l;
    const bad = (name: string) => (this.missing.includes(name) ? 'true' : 'false');
    return html`
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">${l.t('signInHeading')}</h2>
        <p class="hint">${l.t('signInIntro')}</p>
        <form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="token">${l.t('tokenLabel')}</label>
            <input id="token" name="token" type="password" autocomplete="off" spellcheck="false"
              aria-invalid=${bad('token')} aria-describedby=${this.missing.includes('token') ? 'token-error' : ''} />
            ${this.fieldError('token')}
          </div>
          <div class="field">
            <label for="site">${l.t('siteLabel')}</label>
            <input id="site" name="site" type="text" autocomplete="off" spellcheck="false" autocapitalize="none"
              .value=${this.site} aria-invalid=${bad('site')}
              aria-describedby=${this.missing.includes('site') ? 'site-hint site-error' : 'site-hint'} />
            <p class="hint" id="site-hint">${l.t('siteHint')}</p>
            ${this.fieldError('site')}
          </div>
          <p role="alert" class="sign-in-error">${this.error}</p>
          <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy ? l.t('signingIn') : l.t('signIn')}
          </button>
        </form>
      </section>
    `;
  }
}
