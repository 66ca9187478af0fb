import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { BuurtkitWidget } from '../../core/buurtkit-widget.js';
import { canRead, siteUrl } from '../../core/endpoint.js';
import { isolate } from '../../core/bidi.js';
import { formatsFor } from '../../core/formats.js';
import { withDates } from '../../core/warm-dates.js';
import { Loader } from '../../core/load.js';
import { LocalizeController } from '../../core/localize.js';
import { checkAnswer } from '../../core/not-connected.js';
import { baseStyles, tokens } from '../../core/styles.js';
import type { HostTodayAnswer } from '../../schema/volunteer-constants.js';
import { nl, type HostTodayStrings } from './strings.js';

export { registerLocale } from '../../core/localize.js';

const REFRESH_MS = 10 * 60_000;

/**
 * @tagname host-today
 * @summary "Vandaag is Fatima je gastvrouw — 10.00 tot 12.00" for the top of a centre's homepage,
 * from the host shifts of `<volunteer-signup>`; "nog geen gastvrouw — wil jij?" with a sign-up link
 * while a shift is open. Shows nothing on a day without host shifts. Names only when the site's
 * `volunteer.showHostName` setting is on.
 *
 * @csspart base - The wrapper.
 * @csspart line - One host shift's line.
 * @csspart link - The sign-up link.
 *
 * @cssproperty --bk-host-today-accent - Link and border colour; defaults to `--bk-color-accent`.
 */
export class HostToday extends BuurtkitWidget {
  static override styles = [
    tokens,
    baseStyles,
    css`
      :host {
        --_own-accent: var(--bk-host-today-accent);
      }
      .base {
        padding: 0.5em 1em;
        border-inline-start: 0.4em solid var(--_accent);
        color: var(--_surface-text);
        background: var(--_surface-alt);
      }
      p {
        margin: 0.25em 0;
      }
      a {
        color: var(--_accent);
        font-weight: 600;
        display: inline-block;
        min-height: var(--_touch);
        padding-block: 0.6em;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    signupUrl: { attribute: 'signup-url' },
    answer: { attribute: false },
  };

  /** Where "Meld je aan" links to: the page with `<volunteer-signup>`. */
  declare signupUrl: string | undefined;
  /** The collector's answer; set it yourself to show a host without a collector. */
  declare answer: HostTodayAnswer | undefined;

  /** @internal */
  readonly l = new LocalizeController<HostTodayStrings>(
    this,
    'host-today',
    { nl },
    { en: () => import('./locales/en.js').then((m) => m.en), ar: () => import('./locales/ar.js').then((m) => m.ar) },
  );
  /**
   * Today's hosts from the collector. Decoration, not a form: while it cannot be read the line
   * stays away (no "could not load" notice), and the read backs off like every other.
   */
  private readonly today = new Loader(this, {
    args: () => {
      const cfg = this.resolvedEndpoint;
      return cfg && canRead(cfg) ? ([cfg] as const) : undefined;
    },
    // Shown with times: the date formatter's set-up is finished first (see `withDates`).
    task: ([cfg], signal) =>
      withDates(
        fetch(siteUrl(cfg, 'volunteer/host-today'), { credentials: 'omit', signal }).then(
          async (res) => (await (await checkAnswer(res)).json()) as HostTodayAnswer,
        ),
      ),
    endpoint: ([cfg]) => cfg,
  });
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.today.retry(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override render() {
    const { l } = this;
    const answer = this.today.value ?? this.answer;
    const hosts = answer?.hosts ?? [];
    if (!hosts.length) return nothing;
    const fmt = formatsFor(l.locale, answer!.timeZone);
    const time = (iso: string) => fmt.time(Date.parse(iso));
    return html`<div part="base" class="base" lang=${l.locale} dir=${l.dir}>
      ${hosts.map((h) => {
        const params = { start: time(h.start), end: time(h.end) };
        const key = h.filled ? (h.firstName ? 'filled' : 'filledNoName') : 'open';
        return html`<p part="line">
          ${isolate((name) => l.t(key, { ...params, name }), h.firstName ?? '')}
          ${!h.filled && this.signupUrl ? html` <a part="link" href=${this.signupUrl}>${l.t('signUp')}</a>` : nothing}
        </p>`;
      })}
    </div>`;
  }
}
